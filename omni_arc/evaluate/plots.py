"""PNG plots of a report (and of several, overlaid). matplotlib is imported inside the functions
and drawn through the Agg canvas, so no display is ever needed."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence


def _figure(width: float = 7.0, height: float = 4.2):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _integer_ticks(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _k_axis(ax, n_max: int) -> None:
    if n_max >= 16:
        ax.set_xscale("log", base=2)
    else:
        _integer_ticks(ax.xaxis)
    ax.set_xlabel("k (samples per task)")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)


def plot_scaling(report: Mapping[str, Any], path: Path) -> Path:
    """pass@k, verified-pass@k and vote@k against k."""
    s = report["scaling"]
    fig = _figure()
    ax = fig.add_subplot()
    ax.plot(s["k"], s["pass_at_k"], label="pass@k (some sample right)", color="tab:blue")
    ax.plot(s["k"], s["verified_pass_at_k"], label="verified-pass@k", color="tab:green", linestyle="--")
    ax.plot(s["vote_k"], s["vote_at_k"], label="vote@k (ARC score)", color="tab:red", marker="o", markersize=3)
    _k_axis(ax, max(s["k"], default=1))
    ax.set_ylabel("fraction of tasks")
    ax.set_title(f"Scaling with samples — {report['n_tasks']} tasks")
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    return path


def plot_failures(report: Mapping[str, Any], path: Path) -> Path:
    """Horizontal bars: samples per status, and per exception type."""
    overall = report["failures"]["overall"]
    exceptions = list(report["failures"]["exceptions"].items())[:12]
    fig = _figure(9.0, 4.2)
    ax1 = fig.add_subplot(1, 2, 1)
    names = list(overall)
    colors = ["tab:green" if n == "verified" else "tab:gray" for n in names]
    ax1.barh(names, [overall[n] for n in names], color=colors)
    ax1.invert_yaxis()
    ax1.set_xlabel("samples")
    _integer_ticks(ax1.xaxis)
    ax1.set_title("Status of every sample")
    ax2 = fig.add_subplot(1, 2, 2)
    if exceptions:
        ax2.barh([k for k, _ in exceptions], [v for _, v in exceptions], color="tab:orange")
        ax2.invert_yaxis()
    else:
        ax2.text(0.5, 0.5, "no exceptions", ha="center", va="center", transform=ax2.transAxes)
    ax2.set_xlabel("samples")
    _integer_ticks(ax2.xaxis)
    ax2.set_title("Exception types")
    fig.tight_layout()
    fig.savefig(path)
    return path


def plot_tokens(report: Mapping[str, Any], path: Path) -> Path:
    """Histograms of token lengths: generated programs, library solutions, output grids as text."""
    tok = report["tokens"]
    series = [("generated programs", tok["values"]["programs"], "tab:blue"),
              ("library solutions", tok["values"]["library"], "tab:green"),
              ("test output grids as text", tok["values"]["grids"], "tab:red")]
    everything = [v for _, values, _ in series for v in values]
    fig = _figure()
    ax = fig.add_subplot()
    if everything:
        import numpy as np

        top = max(everything)
        bins = np.linspace(0, top + 1, 40)
        for label, values, color in series:
            if values:
                ax.hist(values, bins=bins, alpha=0.5, label=f"{label} (n={len(values)})", color=color,
                        density=True)
        ax.legend(fontsize=8)
    else:
        ax.text(0.5, 0.5, "nothing to count", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(f"tokens ({tok['counter']})", fontsize=8)
    ax.set_ylabel("density")
    ax.set_title("Token lengths")
    fig.tight_layout()
    fig.savefig(path)
    return path


def plot_report(report: Mapping[str, Any], out_dir: Path) -> list[Path]:
    """scaling.png, failures.png and tokens.png in ``out_dir``."""
    return [plot_scaling(report, out_dir / "scaling.png"), plot_failures(report, out_dir / "failures.png"),
            plot_tokens(report, out_dir / "tokens.png")]


def plot_compare(reports: Sequence[Mapping[str, Any]], labels: Sequence[str], out_dir: Path) -> list[Path]:
    """compare_scaling.png: each run's pass@k (solid) and vote@k (dashed) overlaid."""
    fig = _figure(8.0, 4.5)
    ax = fig.add_subplot()
    n_max = 1
    for i, (report, label) in enumerate(zip(reports, labels)):
        s = report["scaling"]
        color = f"C{i % 10}"
        ax.plot(s["k"], s["pass_at_k"], color=color, marker="s", markersize=2, label=f"{label}: pass@k")
        ax.plot(s["vote_k"], s["vote_at_k"], color=color, linestyle="--", marker="o", markersize=3,
                label=f"{label}: vote@k")
        n_max = max(n_max, max(s["k"], default=1))
    _k_axis(ax, n_max)
    ax.set_ylabel("fraction of tasks")
    ax.set_title("Scaling with samples")
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = out_dir / "compare_scaling.png"
    fig.savefig(path)
    return [path]
