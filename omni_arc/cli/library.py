"""`omni library verify | stats | show`: check and inspect the hand-written solution library."""
from __future__ import annotations

import json
from typing import Optional

import typer

from omni_arc.cli import app, parse_task_ids

library_app = typer.Typer(no_args_is_help=True, help="Verify and inspect the DSL solution library.")
app.add_typer(library_app, name="library")


def _known_ids(task_ids: list[str]) -> list[str]:
    from omni_arc.errors import UserError
    from omni_arc.library import library_ids

    have = set(library_ids())
    for tid in task_ids:
        if tid not in have:
            raise UserError(f"--tasks {tid}: no library solution omni_arc/library/{tid}.py")
    return task_ids


@library_app.command("verify")
def verify_cmd(
    tasks: Optional[str] = typer.Option(None, "--tasks", help="Only these task ids (comma-separated)."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable results instead of a table."),
    samples: int = typer.Option(20, "--samples", min=0, help="Generator samples per solution (seeds 0..N-1)."),
    timeout: float = typer.Option(2.0, "--timeout", min=0.0, help="Seconds allowed for one run of a program."),
    sandbox: Optional[bool] = typer.Option(
        None, "--sandbox/--in-process", help="Run `task` in the sandbox (default: when omni_arc.sandbox is available)."),
) -> None:
    """Run every solution on all train+test pairs of its ARC-AGI-1 training task and check its
    generator; exit code 1 when anything fails."""
    from rich.console import Console
    from rich.progress import Progress

    from omni_arc.libcheck import summarize, verify_library
    from omni_arc.library import library_ids

    ids = _known_ids(parse_task_ids(tasks)) if tasks else library_ids()
    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=as_json) as progress:
        bar = progress.add_task("verifying", total=len(ids))
        results = verify_library(ids, samples=samples, timeout_s=timeout, sandbox=sandbox,
                                 on_result=lambda r: progress.advance(bar))
    summary = summarize(results)
    if as_json:
        typer.echo(json.dumps({"summary": summary, "results": [r.to_json() for r in results]}, indent=1))
    else:
        _print_verify(results, summary)
    raise typer.Exit(0 if summary["failed"] == 0 else 1)


def _print_verify(results, summary) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="omni library verify")
    for col in ("task", "train", "test", "generator", "seconds", "result"):
        table.add_column(col, justify="left" if col in ("task", "result") else "right")
    for r in results:
        gen = f"{r.generator_samples} ok" if r.has_generator else "-"
        verdict = "[green]ok[/]" if r.ok else "[red]" + "; ".join(r.problems[:3]).replace("[", r"\[") + (
            f" (+{len(r.problems) - 3} more)" if len(r.problems) > 3 else "") + "[/]"
        table.add_row(r.task_id, f"{r.train_passed}/{r.train_total}", f"{r.test_passed}/{r.test_total}", gen,
                      f"{r.seconds:.2f}", verdict)
    console = Console()
    console.print(table)
    color = "green" if summary["failed"] == 0 else "red"
    console.print(f"[{color}]{summary['passed']}/{summary['solutions']} solutions verified[/], "
                  f"{summary['generators_passed']}/{summary['with_generator']} with a passing generator"
                  + (f", [red]{summary['failed']} failed[/]" if summary["failed"] else ""))


@library_app.command("stats")
def stats_cmd(
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable statistics."),
    tokens: bool = typer.Option(True, "--tokens/--no-tokens", help="Count tokens with the default model's tokenizer."),
    top: int = typer.Option(25, "--top", help="How many primitives to list."),
) -> None:
    """Coverage, solution lengths (lines and tokens) and how often each DSL primitive is used."""
    from rich.console import Console
    from rich.table import Table

    from omni_arc.libcheck import library_stats

    st = library_stats(tokens=tokens)
    if as_json:
        typer.echo(json.dumps(st, indent=1))
        return
    console = Console()
    console.print(f"tasks covered: [bold]{st['tasks']}[/] (of 400 ARC-AGI-1 training tasks), "
                  f"with generators: [bold]{st['with_generator']}[/]")
    for what in ("lines", "tokens"):
        d = st[what]
        if d:
            console.print(f"solution {what}: median {d['median']:g}, mean {d['mean']:g}, min {d['min']}, "
                          f"max {d['max']}, total {d['total']}")
        elif what == "tokens":
            console.print("solution tokens: n/a (default model's tokenizer not prepared: omni models prepare)")
    table = Table(title=f"DSL primitives used ({len(st['primitive_uses'])} of {st['primitives']})")
    table.add_column("primitive")
    table.add_column("uses", justify="right")
    table.add_column("tasks", justify="right")
    for name, n in list(st["primitive_uses"].items())[:top]:
        table.add_row(name, str(n), str(st["primitive_tasks"][name]))
    console.print(table)
    if st["unused_primitives"]:
        console.print(f"unused: {', '.join(st['unused_primitives'])}")


@library_app.command("show")
def show_cmd(
    task_id: str = typer.Argument(..., help="Task id, e.g. 007bbfb7."),
    digits: bool = typer.Option(False, "--digits", help="Print each cell's digit (automatic without colour)."),
) -> None:
    """The task's pairs (coloured grids) and its library solution side by side."""
    from rich.console import Console
    from rich.syntax import Syntax
    from rich.table import Table

    from omni_arc.data import load_task
    from omni_arc.library import load_solution
    from omni_arc.render import task_renderable

    _known_ids([task_id])
    task = load_task(task_id)
    sol = load_solution(task_id)
    console = Console()
    digits = digits or console.color_system is None
    code = sol.path.read_text()
    code_width = max(len(line) for line in code.splitlines()) + 2
    task_width = console.width - code_width - 4
    syntax = Syntax(code, "python", line_numbers=False, code_width=code_width)
    if task_width < 40:  # too narrow for side by side: one above the other
        console.print(task_renderable(task, console.width, digits, "arc-agi-1/training"))
        console.print(syntax)
        return
    layout = Table.grid(padding=(0, 4))
    layout.add_column(width=task_width)
    layout.add_column(width=code_width, no_wrap=True)
    layout.add_row(task_renderable(task, task_width, digits, "arc-agi-1/training"), syntax)
    console.print(layout)
