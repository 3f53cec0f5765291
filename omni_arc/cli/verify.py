"""`omni verify`: run candidate programs in the sandbox, vote, write results.jsonl and submission.json."""
from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import typer

from omni_arc.cli import app

SHOWN_PROBLEMS = 10


@app.command("verify")
def verify(
    dataset: str = typer.Option(..., "--dataset", "-d", help="Dataset name (e.g. arc-agi-1/training) or path."),
    candidates: List[Path] = typer.Option(..., "--candidates", metavar="FILE", help=(
        "Candidates, one JSON object per line. Repeat to pool several files (an ensemble of "
        "sources: model, library, search); each line's `source` field is kept (default model).")),
    output: Path = typer.Option(..., "--output-dir", "-o", metavar="DIR",
                                help="Folder for results.jsonl, submission.json, summary.json."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Sandbox workers (default: one per core)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help=(
        "CPU seconds per program, all its inputs together (default: the sandbox's limit, 10x the slowest library solution).")),
    memory_mb: int = typer.Option(1024, "--memory-mb", help="Memory a program may allocate, in MiB."),
    max_source_bytes: int = typer.Option(65536, "--max-source-bytes", help=(
        "Longest program (`code`, UTF-8 bytes) verified; longer ones are skipped before parsing.")),
    tasks: Optional[str] = typer.Option(None, "--tasks", metavar="ID,ID", help=(
        "Only these tasks of the dataset (submission.json lists just them); candidates of others are skipped.")),
) -> None:
    """Verify candidate programs in the sandbox and vote their test outputs into submission.json.

    Safe to interrupt and re-run: candidates already in the output folder's results.jsonl are not redone."""
    from rich.console import Console
    from rich.text import Text

    from omni_arc.verify import verify_files

    console = Console(stderr=True)
    try:
        summary, problems = verify_files(dataset, candidates, output, workers=workers, timeout_s=timeout,
                                         memory_mb=memory_mb, max_source_bytes=max_source_bytes,
                                         task_ids=[t.strip() for t in (tasks or "").split(",") if t.strip()] or None)
    except KeyboardInterrupt:
        console.print(f"[yellow]interrupted[/]: finished results are in {output / 'results.jsonl'}; "
                      "run the same command again to continue")
        raise typer.Exit(130)
    for line in problems[:SHOWN_PROBLEMS]:
        console.print(Text.assemble(("warning", "yellow"), f": {line}"), highlight=False, soft_wrap=True)
    if len(problems) > SHOWN_PROBLEMS:
        console.print(f"[yellow]warning[/]: ... and {len(problems) - SHOWN_PROBLEMS} more bad lines")
    _print_summary(summary, dataset, len(problems))


def _print_summary(summary: dict[str, Any], dataset: str, bad_lines: int) -> None:
    from rich.console import Console
    from rich.table import Table

    run = summary["this_run"]
    table = Table(title=f"omni verify on {dataset}", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    table.add_row("candidates", str(summary["candidates"]))
    table.add_row("  verified this run / already done", f"{run['verified_now']} / {run['already_done']}")
    table.add_row("  bad lines skipped", str(bad_lines))
    table.add_row("  unique programs", str(summary["unique_programs"]))
    for status, count in summary["statuses"].items():
        if count:
            table.add_row(f"  {status}", str(count))
    if len(summary["sources"]) > 1:
        for source, c in summary["sources"].items():
            table.add_row(f"  from {source} (verified)", f"{c['candidates']} ({c['verified']})")
    table.add_row("tasks", str(summary["tasks"]))
    table.add_row("  with candidates", str(summary["tasks_with_candidates"]))
    table.add_row("  with a verified candidate", str(summary["tasks_with_verified"]))
    if summary["score"] is not None:
        table.add_row(f"ARC score of submission.json ({summary['tasks_scored']} tasks)", f"{summary['score']:.4f}")
    table.add_row("time", f"{run['seconds']:.1f} s")
    table.add_row("  programs executed (after de-duplication)", str(run["executed"]))
    table.add_row("results", summary["files"]["results"])
    table.add_row("submission", summary["files"]["submission"])
    Console().print(table)
