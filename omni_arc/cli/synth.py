"""`omni data synth` (synthetic tasks from mutated library programs) and `omni data relabel`
(hindsight relabelling of a run's programs); both write a synthetic-task file (see omni_arc.synth)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

import typer

from omni_arc.cli.data import data_app
from omni_arc.errors import UserError


def _check(workers: Optional[int], timeout: float) -> None:
    if workers is not None and workers < 1:
        raise UserError(f"--workers {workers}: expected at least 1")
    if not timeout > 0:
        raise UserError(f"--timeout {timeout}: expected a positive number of seconds")


def _report(obj: dict[str, Any], side: Path) -> None:
    rejected = ", ".join(f"{k} {v}" for k, v in obj.get("rejected", {}).items()) or "none"
    typer.echo(f"kept {obj['kept']} of {obj['tried']} tried (yield {obj['yield']}); rejected: {rejected}", err=True)
    typer.echo(f"{obj['programs_run']} programs run in {obj['seconds']} s ({obj['programs_per_s']} programs/s), "
               f"{obj['cpu_seconds']} CPU s ({obj['kept_per_cpu_minute']} tasks per CPU-minute); stats: {side}",
               err=True)


@data_app.command("synth")
def synth_cmd(
    n: int = typer.Option(..., "--num-tasks", help="Number of synthetic tasks to have in the file."),
    output_file: Path = typer.Option(..., "--output-file", help="JSONL file of tasks (appended to: a re-run resumes)."),
    seed: int = typer.Option(0, "--seed", help="Random seed (a resumed file keeps its seed)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Sandbox workers [default: one per core]."),
    timeout: float = typer.Option(2.0, "--timeout", help="CPU seconds a program may use on all its inputs."),
    tasks: Optional[str] = typer.Option(None, "--tasks", help="Comma-separated library task ids to start from."),
    p_compose: float = typer.Option(0.2, "--p-compose", help="Share of candidates that compose two programs."),
    max_tries: Optional[int] = typer.Option(None, "--max-tries", help="Stop after this many candidates [default: 50 x --n]."),
) -> None:
    """Synthetic tasks from the library: mutate (or compose) library programs, run them on inputs
    from the parent task's generator, keep valid, non-trivial, deterministic, new behaviours."""
    from omni_arc.sandbox import Executor
    from omni_arc.synth import (Filter, Synthesizer, add_cpu_seconds, library_parents, previous_stats, run_to_file,
                                 stats_path)

    if n < 1:
        raise UserError(f"--num-tasks {n}: expected a positive number of tasks")
    _check(workers, timeout)
    if not 0.0 <= p_compose <= 1.0:
        raise UserError(f"--p-compose {p_compose}: expected a probability in [0, 1]")
    if max_tries is not None and max_tries < 1:
        raise UserError(f"--max-tries {max_tries}: expected a positive number")
    ids = [t.strip() for t in tasks.split(",") if t.strip()] if tasks else None
    parents = library_parents(ids)
    if ids:
        missing = sorted(set(ids) - {p.task_id for p in parents})
        if missing:
            raise UserError(f"--tasks: no library program for task {missing[0]!r}")
    synth = Synthesizer(parents, seed=seed, p_compose=p_compose)
    meta = {"command": "synth", "seed": seed, "p_compose": p_compose, "tasks": ids}
    previous_stats(output_file, meta)  # a resume with other options fails before any work
    before = os.times()
    with Executor(workers=workers, timeout_s=timeout) as ex:
        stats = run_to_file(output_file, synth.plan, Filter(ex.run_many), n_slots=max_tries or 50 * n,
                            meta=meta, n_keep=n)
    obj = add_cpu_seconds(output_file, stats, before)
    _report(obj, stats_path(output_file))
    if obj["kept"] < n:
        typer.echo(f"only {obj['kept']} of {n} tasks after {obj['tried']} tries (raise --max-tries)", err=True)


@data_app.command("relabel")
def relabel_cmd(
    run: Path = typer.Option(..., "--run", help="Run folder with results.jsonl (omni verify / omni infer)."),
    output_file: Path = typer.Option(..., "--output-file", help="JSONL file of tasks (appended to: a re-run resumes)."),
    dataset: Optional[str] = typer.Option(None, "--dataset", "-d", help="The run's dataset [default: run.json's]."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Sandbox workers [default: one per core]."),
    timeout: float = typer.Option(2.0, "--timeout", help="CPU seconds a program may use on all its inputs."),
) -> None:
    """Hindsight relabelling: each program of a run that gave grids on all its task's train inputs
    becomes a task whose outputs are the program's own, re-run on the task's inputs (outputs of
    the dataset are never read). Same filters as `omni data synth`, minus the parent comparison."""
    from omni_arc.data import load_dataset
    from omni_arc.evaluate.rundir import read_results
    from omni_arc.sandbox import Executor
    from omni_arc.synth import (Filter, add_cpu_seconds, inputs_only, previous_stats, relabel_plan, run_to_file,
                                 stats_path)

    _check(workers, timeout)
    results = run / "results.jsonl"
    if not run.is_dir():
        raise UserError(f"--run {run}: no such folder")
    if not results.exists():
        raise UserError(f"{results}: file not found (written by `omni verify` or `omni infer`)")
    if dataset is None:
        meta_path = run / "run.json"
        try:
            dataset = json.loads(meta_path.read_text()).get("dataset") if meta_path.exists() else None
        except (json.JSONDecodeError, OSError, AttributeError):
            raise UserError(f"{meta_path}: unreadable; pass --dataset") from None
        if not isinstance(dataset, str):
            raise UserError(f"{run}: no run.json naming the dataset; pass --dataset")
    rows = read_results(results)
    tasks = inputs_only(load_dataset(dataset))
    plan = relabel_plan(rows, tasks, str(results))
    meta = {"command": "relabel", "run": str(run.resolve()), "dataset": dataset}
    previous_stats(output_file, meta)
    before = os.times()
    with Executor(workers=workers, timeout_s=timeout) as ex:
        stats = run_to_file(output_file, plan, Filter(ex.run_many), n_slots=len(rows), meta=meta,
                            description="relabelling")
    obj = add_cpu_seconds(output_file, stats, before)
    _report(obj, stats_path(output_file))
