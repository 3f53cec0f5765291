"""`omni verify`: run candidate programs in the sandbox, vote, write results.jsonl and submission.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Optional

import typer

from omni_arc.cli import app
from omni_arc.errors import UserError

CHUNK = 256  # candidates handed to the verifier at a time (results are written as they finish)
SHOWN_PROBLEMS = 10


def _read_candidates(path: Path, problems: list[str]) -> Iterator[tuple[int, Any]]:
    """``(line number, parsed object)`` per non-blank line; bad JSON is reported and skipped."""
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise UserError(f"{path}: file not found (expected candidates as JSON lines)") from None
    except OSError as e:
        raise UserError(f"{path}: cannot read ({e.strerror})") from None
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{path}:{n}: invalid JSON ({e.msg} at column {e.colno}); skipped")


@app.command("verify")
def verify(
    dataset: str = typer.Option(..., "--dataset", "-d", help="Dataset name (e.g. arc-agi-1/training) or path."),
    candidates: Path = typer.Option(..., "--candidates", help="Candidates, one JSON object per line."),
    output: Path = typer.Option(..., "--output-dir", "-o", help="Folder for results.jsonl, submission.json, summary.json."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Sandbox workers (default: one per core)."),
    timeout: float = typer.Option(2.0, "--timeout", help="CPU seconds per program (all its inputs)."),
    memory_mb: int = typer.Option(1024, "--memory-mb", help="Memory a program may allocate, in MiB."),
) -> None:
    """Verify candidate programs in the sandbox and vote their test outputs into submission.json.

    Safe to interrupt and re-run: candidates already in OUTPUT/results.jsonl are not redone."""
    from rich.console import Console

    from omni_arc.data import load_dataset
    from omni_arc.verify import Verifier

    if timeout <= 0:
        raise UserError(f"--timeout: expected a positive number of seconds, got {timeout}")
    if memory_mb <= 0:
        raise UserError(f"--memory-mb: expected a positive number, got {memory_mb}")
    if workers is not None and workers <= 0:
        raise UserError(f"--workers: expected a positive number, got {workers}")
    if not candidates.is_file():
        raise UserError(f"{candidates}: file not found (expected candidates as JSON lines)")
    if output.exists() and not output.is_dir():
        raise UserError(f"{output}: exists and is not a folder (--output expects a folder)")
    console = Console(stderr=True)
    tasks = load_dataset(dataset)
    problems: list[str] = []
    try:
        with Verifier(tasks, output, workers=workers, timeout_s=timeout, memory_mb=memory_mb,
                      progress=True) as v:
            chunk: list[tuple[int, Any]] = []

            def flush() -> None:
                for i, why in v.add([c for _, c in chunk]):
                    problems.append(f"{candidates}:{chunk[i][0]}: {why}; skipped")
                chunk.clear()

            for n, cand in _read_candidates(candidates, problems):
                chunk.append((n, cand))
                if len(chunk) >= CHUNK:
                    flush()
            flush()
            summary = v.finish()
    except KeyboardInterrupt:
        console.print(f"[yellow]interrupted[/]: finished results are in {output / 'results.jsonl'}; "
                      "run the same command again to continue")
        raise typer.Exit(130)
    for line in problems[:SHOWN_PROBLEMS]:
        console.print(f"[yellow]warning[/]: {line}", highlight=False, soft_wrap=True)
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
