"""What each sample did on its task's train pairs, and which sample came closest.

results.jsonl keeps the test outputs only, so report.html re-runs programs in the sandbox on the
train inputs — in the frame the model saw (the augmented task for an augmented sample) — to show
their outputs beside the expected ones. Samples are then ranked: verified > most train pairs
right > highest cell accuracy on the train pairs > ran at all > has code (ties: sample order).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Task
from omni_arc.evaluate.metrics import as_list, is_verified

NOT_RUN = ("no_code", "syntax_error", "no_task_function")  # statuses of programs that never ran


@dataclass
class TrainRun:
    """A program's outputs on the train inputs (None where that input failed) and the errors."""

    outputs: list[Any] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)


def augmentation_of(row: Mapping[str, Any]) -> Augmentation:
    """The sample's augmentation (identity when absent or unreadable)."""
    try:
        return Augmentation.from_json(row.get("augmentation"))
    except (ValueError, TypeError):
        return Augmentation()


def seen_task(task: Task, row: Mapping[str, Any]) -> Task:
    """The task as the sample's model saw it: augmented when the sample carries an augmentation."""
    aug = augmentation_of(row)
    return task if aug.is_identity else aug.apply_task(task)


def runnable(row: Mapping[str, Any]) -> bool:
    return bool(row.get("code")) and row.get("status") not in NOT_RUN


def cell_accuracy(outputs: Sequence[Any], expected: Sequence[Any]) -> float:
    """The fraction of all expected train cells reproduced (a wrong-sized or missing output gets
    none of its pair's cells right).

    >>> cell_accuracy([[[1, 2]], None], [[[1, 0]], [[5]]])
    0.3333333333333333
    """
    right = total = 0
    for out, exp in zip(outputs, expected):
        exp = np.asarray(as_list(exp))
        total += exp.size
        if out is not None and np.shape(out) == exp.shape:
            right += int(np.count_nonzero(np.asarray(out) == exp))
    return right / total if total else 0.0


def closeness(row: Mapping[str, Any], run: TrainRun | None, task: Task) -> tuple:
    """The sort key of a sample, larger = closer (see the module docstring)."""
    expected = [p.output for p in seen_task(task, row).train]
    acc = cell_accuracy(run.outputs, expected) if run is not None else 0.0
    ran = row.get("status") not in NOT_RUN and row.get("status") is not None
    return (is_verified(row), row.get("train_passed") or 0, acc, ran, bool(row.get("code")))


def rank(rows: Sequence[Mapping[str, Any]], runs: Mapping[int, TrainRun], task: Task) -> list[int]:
    """Sample indices, closest first (stable: earlier samples first among equals)."""
    keys = [closeness(r, runs.get(i), task) for i, r in enumerate(rows)]
    return sorted(range(len(rows)), key=lambda i: keys[i], reverse=True)


def task_closeness(rows: Sequence[Mapping[str, Any]], runs: Mapping[int, TrainRun], task: Task) -> float:
    """How close a task came: 1 with a verified sample, else the best train cell accuracy."""
    if any(is_verified(r) for r in rows):
        return 1.0
    expected = {i: [p.output for p in seen_task(task, r).train] for i, r in enumerate(rows) if i in runs}
    return max((cell_accuracy(runs[i].outputs, exp) for i, exp in expected.items()), default=0.0)


def rerun_train(
    tasks: Mapping[str, Task], rows_by_task: Mapping[str, Sequence[Mapping[str, Any]]], limit: int = 4000,
    timeout_s: float = 2.0, progress: bool = False,
) -> dict[str, dict[int, TrainRun]]:
    """Each task's programs run on its (seen) train inputs in the sandbox: task id -> sample index
    -> :class:`TrainRun`. At most ``limit`` distinct programs, taken one per task in turn, each
    task's most promising first (verified, then most train pairs right); identical programs under
    the same augmentation run once."""
    queues = {}
    for tid, rows in rows_by_task.items():
        order = sorted((i for i, r in enumerate(rows) if runnable(r)),
                       key=lambda i: (not is_verified(rows[i]), -(rows[i].get("train_passed") or 0), i))
        queues[tid] = order
    jobs: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    depth = 0
    while len(jobs) < limit and any(depth < len(q) for q in queues.values()):
        for tid, order in queues.items():
            if depth < len(order) and len(jobs) < limit:
                row = rows_by_task[tid][order[depth]]
                key = (tid, row["code"], json.dumps(row.get("augmentation"), sort_keys=True))
                jobs.setdefault(key, []).append((tid, order[depth]))
        depth += 1
    # Samples beyond the limit that share a queued program still get its outputs.
    for tid, rows in rows_by_task.items():
        for i, row in enumerate(rows):
            key = (tid, row.get("code"), json.dumps(row.get("augmentation"), sort_keys=True))
            if key in jobs and (tid, i) not in jobs[key] and runnable(row):
                jobs[key].append((tid, i))
    out: dict[str, dict[int, TrainRun]] = {tid: {} for tid in rows_by_task}
    if not jobs:
        return out
    from omni_arc.sandbox import Executor

    keys = list(jobs)
    work = []
    for key in keys:
        tid, first = jobs[key][0]
        task = seen_task(tasks[tid], rows_by_task[tid][first])
        work.append((key[1], [p.input for p in task.train]))
    with Executor(timeout_s=timeout_s) as ex:
        results = ex.run_many(work, progress=progress, description="re-running programs on train pairs")
    for key, result in zip(keys, results):
        run = TrainRun([None if o is None else o.tolist() for o in result.outputs], list(result.errors))
        for tid, i in jobs[key]:
            out[tid][i] = run
    return out

