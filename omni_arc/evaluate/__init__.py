"""`omni evaluate`: score a run directory against the true test outputs and write report.json,
report.md, PNG plots and report.html next to its results; compare several runs.

Modules: :mod:`.rundir` reads the run, :mod:`.metrics` holds the pure metric functions,
:mod:`.report` assembles and writes the numbers, :mod:`.plots` and :mod:`.html` draw them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from omni_arc.data import Task, dataset_hash, dataset_source, load_dataset
from omni_arc.errors import UserError
from omni_arc.evaluate.report import (SOURCE_COLUMNS, build_report, headline_rows, solutions_for, source_rows,
                                      write_report)
from omni_arc.evaluate.rundir import Run, load_run
from omni_arc.evaluate.tokens import TokenCounter, load_counter

__all__ = ["Evaluation", "evaluate_run", "compare", "load_run"]


@dataclass
class Evaluation:
    run: Run
    report: dict[str, Any]
    files: list[Path] = field(default_factory=list)


def evaluate_run(
    run_dir: str | Path, dataset: str | None = None, *, html_tasks: int = 5, html_rerun_limit: int = 2000,
    counter: TokenCounter | None = None, tokenizer: str | Path | None = None, vote_draws: int = 16,
    seed: int = 0, scope: str = "run", plots: bool = True,
    datasets: dict[str, dict[str, Task]] | None = None, show_progress: bool = True,
) -> Evaluation:
    """Evaluate one run directory and write its report files into it.

    ``dataset`` overrides run.json's ``"dataset"``; ``datasets`` caches loaded datasets by name
    across runs; ``scope`` is "run" (score the run's tasks) or "dataset" (every dataset task).
    report.html indexes every task and opens ``html_tasks`` of them on load (0: no page); it
    re-runs up to ``html_rerun_limit`` programs on their train pairs to show their outputs.
    Token lengths use ``counter``, else the tokenizer folder ``tokenizer`` (loaded only once the
    run and dataset are known to be fine), else the default model's tokenizer.
    """
    if scope not in ("run", "dataset"):
        raise UserError(f"--scope: expected 'run' or 'dataset', got {scope!r}")
    if vote_draws < 1:
        raise UserError(f"--vote-draws: expected a positive number of subsets, got {vote_draws}")
    run = load_run(run_dir)
    name = dataset or run.meta.get("dataset")
    if not isinstance(name, str) or not name:
        raise UserError(f"{run.path}: run.json names no 'dataset'; pass --dataset NAME_OR_PATH")
    datasets = {} if datasets is None else datasets
    if name not in datasets:
        datasets[name] = load_dataset(name)
    tasks = datasets[name]
    provenance = dataset_provenance(run, name, tasks, explicit=dataset is not None)
    solutions = solutions_for(run, tasks, name, scope)
    counter = counter or load_counter(tokenizer)

    from rich.progress import Progress

    with Progress(transient=True, disable=not show_progress) as bar:
        job = bar.add_task(f"vote@k {run.name}", total=len(solutions))
        report = build_report(run, solutions, dataset=name, counter=counter, vote_draws=vote_draws, seed=seed,
                              progress=lambda: bar.advance(job), provenance=provenance)
    files = write_report(report, run.path)
    if plots:
        from omni_arc.evaluate.plots import plot_report

        files += plot_report(report, run.path)
    if html_tasks > 0:
        from omni_arc.evaluate.html import write_html

        files.append(write_html(report, run, tasks, run.path, n_open=html_tasks, rerun_limit=html_rerun_limit,
                                progress=show_progress))
    return Evaluation(run, report, files)


def dataset_provenance(run: Run, name: str, tasks: dict[str, Task], explicit: bool) -> dict[str, Any]:
    """The dataset's source and content hash next to the hash run.json recorded. A different hash
    is a one-line :class:`UserError` unless the dataset was given explicitly (``explicit``)."""
    current = dataset_hash(tasks)
    recorded = run.meta.get("dataset_hash")
    out = {"source": dataset_source(name), "hash": current, "run_source": run.meta.get("dataset_source"),
           "run_hash": recorded if isinstance(recorded, str) else None, "explicit": explicit}
    if out["run_hash"] and out["run_hash"] != current and not explicit:
        raise UserError(f"{run.path / 'run.json'}: dataset_hash is {recorded} but {name} ({out['source']}) now "
                        f"hashes to {current}; pass --dataset {name} to score the run against it anyway")
    out["matches_run"] = None if not out["run_hash"] else out["run_hash"] == current
    return out


def compare(evaluations: Sequence[Evaluation], out_dir: Path | None = None, plots: bool = True
            ) -> tuple[list[str], list[list[str]], list[Path]]:
    """The headline metrics, then each candidate source's numbers, side by side (header, rows), and
    compare_scaling.png in ``out_dir`` (default: the first run's directory)."""
    labels = _labels([e.run for e in evaluations])
    columns = [headline_rows(e.report) for e in evaluations]
    rows = [[name] + [col[i][1] for col in columns] for i, (name, _) in enumerate(columns[0])]
    rows += source_compare_rows([e.report for e in evaluations])
    files: list[Path] = []
    if plots:
        from omni_arc.evaluate.plots import plot_compare

        out_dir = Path(out_dir) if out_dir is not None else evaluations[0].run.path
        out_dir.mkdir(parents=True, exist_ok=True)
        files = plot_compare([e.report for e in evaluations], labels, out_dir)
    return ["metric", *labels], rows, files


def source_compare_rows(reports: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """Rows "SOURCE: metric" with one value per run ("–" where a run has no such source)."""
    sources: list[str] = []
    for r in reports:
        sources += [s for s in r.get("sources", {}) if s not in sources]
    labels = [label for label, _, _ in SOURCE_COLUMNS] + ["solved only by it"]
    rows = []
    for source in sources:
        per_run = [dict(source_rows(r)).get(source) for r in reports]
        for i, label in enumerate(labels):
            rows.append([f"{source}: {label}"] + [v[i] if v else "–" for v in per_run])
    return rows


def _labels(runs: Sequence[Run]) -> list[str]:
    """Run directory names, made unique with their parent folder when two collide."""
    names = [r.name for r in runs]
    return [f"{r.path.parent.name}/{r.name}" if names.count(r.name) > 1 else r.name for r in runs]
