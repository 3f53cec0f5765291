"""`omni loop`: rounds of fine-tune -> sample -> verify -> relabel (see omni_arc.loop)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app


@app.command("loop")
def loop_cmd(
    config: Path = typer.Option(..., "--config", "-c", help="Loop YAML (e.g. configs/loop-cpu.yaml)."),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", help="Loop folder (default: the config's output_dir). Re-running "
        "resumes: finished rounds are kept, an unfinished one continues."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show stages and progress bars."),
) -> None:
    """Self-improvement: each round fine-tunes from the previous adapter (library + relabelled
    tasks), samples programs on training tasks and held-out tasks, verifies and relabels them;
    writes rounds.jsonl, rounds.png and prints the rounds table."""
    from rich.console import Console

    from omni_arc.loop import format_table, load_loop_config, run_loop

    cfg = load_loop_config(config)
    console = Console(stderr=True)
    rows = run_loop(cfg, output_dir, where=str(config), progress=progress, console=console)
    typer.echo(format_table(rows))
    typer.echo(str(Path(output_dir or cfg.output_dir) / "rounds.jsonl"))
