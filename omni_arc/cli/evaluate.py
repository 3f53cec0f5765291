"""`omni evaluate RUN_DIR [RUN_DIR ...]`: reports for run directories, side by side when several."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from omni_arc.cli import app


@app.command("evaluate")
def evaluate(
    run_dirs: List[Path] = typer.Argument(..., help="Run directories (results.jsonl + submission.json)."),
    dataset: Optional[str] = typer.Option(
        None, "--dataset", "-d", help="Dataset name or path with the true test outputs (default: run.json's; "
        "given explicitly, a dataset whose hash differs from the run's is accepted and the report says so)."),
    html_tasks: int = typer.Option(
        5, "--html-tasks", help="Tasks opened when report.html loads; every task is indexed (0: no HTML)."),
    html_programs: int = typer.Option(
        2000, "--html-programs", help="Programs re-run on their train pairs to show their outputs in report.html."),
    compare_out: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", help="Folder for the comparison (compare_*.png) of several runs (default: the first run's)."),
    scope: str = typer.Option("run", "--scope", help="'run': score the run's tasks; 'dataset': every task."),
    tokenizer: Optional[Path] = typer.Option(
        None, "--tokenizer", help="Tokenizer folder for token lengths (default: models/smollm2-135m)."),
    vote_draws: int = typer.Option(16, "--vote-draws", help="Random k-subsets per task for vote@k."),
    seed: int = typer.Option(0, "--seed", help="Seed of the vote@k subsets."),
    plots: bool = typer.Option(True, "--plots/--no-plots", help="Write the PNG plots."),
) -> None:
    """Score runs: ARC Prize score, pass@k / vote@k scaling, failures, lengths; write report.json,
    report.md, PNG plots and report.html into each run directory."""
    from rich.console import Console
    from rich.table import Table

    from omni_arc.evaluate import compare, evaluate_run
    from omni_arc.evaluate.report import headline_rows

    console = Console()
    datasets: dict = {}
    evaluations = []
    for run_dir in run_dirs:
        ev = evaluate_run(run_dir, dataset, html_tasks=html_tasks, html_rerun_limit=html_programs,
                          tokenizer=tokenizer, vote_draws=vote_draws, seed=seed, scope=scope, plots=plots,
                          datasets=datasets)
        evaluations.append(ev)
        if len(run_dirs) == 1:
            table = Table(title=f"{ev.run.path} on {ev.report['dataset']}")
            table.add_column("metric")
            table.add_column("value", justify="right")
            for name, value in headline_rows(ev.report):
                table.add_row(name, value)
            console.print(table)
        console.print(f"wrote {', '.join(p.name for p in ev.files)} in {ev.run.path}")
    if len(evaluations) > 1:
        header, rows, files = compare(evaluations, compare_out, plots)
        table = Table(title="Runs side by side")
        for i, h in enumerate(header):
            table.add_column(h, justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        for f in files:
            console.print(f"wrote {f}")
