"""`omni search`: library transfer and composition search, then the standard verification."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app
from omni_arc.errors import UserError


@app.command("search")
def search(
    dataset: str = typer.Option(..., "--dataset", "-d", help="Dataset name (e.g. arc-agi-1/evaluation) or path."),
    output_dir: Path = typer.Option(..., "--output-dir", "-o",
                                    help="Run folder: candidates.jsonl, results.jsonl, submission.json, run.json."),
    tasks: Optional[str] = typer.Option(None, "--tasks", help="Only these task ids (comma-separated)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N tasks (by id)."),
    budget_s: float = typer.Option(4.0, "--budget-s", help="CPU seconds of search per task."),
    timeout: float = typer.Option(0.15, "--timeout", help="CPU seconds per program run on a task's inputs."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Worker processes (default: one per core)."),
    library_only: bool = typer.Option(False, "--library-only",
                                      help="Library transfer only: every library program, unchanged, on every task."),
    leave_one_out: bool = typer.Option(
        False, "--leave-one-out", help="Hide each task's own library program (and same-rule group): for tuning "
                                       "on arc-agi-1/training."),
    max_programs: int = typer.Option(3, "--max-programs", help="Distinct test predictions kept per task."),
) -> None:
    """Run every library program, and compositions of library programs and DSL primitives, on each
    task's train pairs; write those that reproduce every train pair as candidates (source
    'library' or 'search') and verify them in the sandbox like any candidate.

    Safe to interrupt and re-run with the same options: finished tasks are not searched again."""
    if budget_s <= 0:
        raise UserError(f"--budget-s: expected a positive number of seconds, got {budget_s}")
    if timeout <= 0:
        raise UserError(f"--timeout: expected a positive number of seconds, got {timeout}")
    if workers is not None and workers <= 0:
        raise UserError(f"--workers: expected a positive number, got {workers}")
    if limit is not None and limit <= 0:
        raise UserError(f"--limit: expected a positive number, got {limit}")
    if max_programs <= 0:
        raise UserError(f"--max-programs: expected a positive number, got {max_programs}")
    if output_dir.exists() and not output_dir.is_dir():
        raise UserError(f"{output_dir}: exists and is not a folder (--output-dir expects a folder)")

    from rich.console import Console

    from omni_arc.data import load_dataset
    from omni_arc.search.search import SearchConfig, run_search, select_tasks

    every = load_dataset(dataset)
    chosen = select_tasks(every, tasks, limit)
    cfg = SearchConfig(budget_s=budget_s, timeout_s=timeout, library_only=library_only,
                       leave_one_out=leave_one_out, max_groups=max_programs)
    console = Console(stderr=True)
    try:
        out = run_search(dataset, chosen, output_dir, cfg, workers=workers, all_tasks=every)
    except KeyboardInterrupt:
        console.print(f"[yellow]interrupted[/]: finished tasks are in {output_dir}; "
                      "run the same command again to continue")
        raise typer.Exit(130)
    s = out.summary
    rate = f"{out.probes / out.search_s:.0f} programs/s" if out.search_s > 0 and out.searched_now else "resumed"
    console.print(f"searched {out.searched_now} of {out.tasks} tasks in {out.search_s:.1f} s ({rate}); "
                  f"{out.candidates} candidates; {s.get('tasks_with_verified', 0)} tasks with a verified program"
                  + (f"; ARC score {s['score']:.4f} on {s['tasks_scored']} tasks" if s.get("score") is not None else "")
                  + f"; results in {output_dir}", highlight=False, soft_wrap=True)
