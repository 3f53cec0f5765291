"""Repair rounds of ``omni infer``: failed programs, their execution feedback, and fixes.

After round ``r - 1`` is verified, every task without a verified candidate picks its ``top`` most
promising failed programs (:func:`select_parents`): distinct programs of earlier rounds that ran
(status in :data:`REPAIRABLE`) and were not repaired before (in any of their copies), ranked by how close their train
outputs came (:func:`omni_arc.feedback.closeness`: train pairs right, then the share of expected
cells right; ties keep sample order). The parent runs again in the sandbox on the task's inputs
(the verifier's executor, which usually has the result cached) -- only the parent process ever
sees the expected outputs. Each parent gets one repair prompt (:func:`omni_arc.prompts.
fit_repair_messages`, shown in the parent's augmentation frame) and ``samples`` samples.

A (task, round) is written to candidates.jsonl in one append, each line carrying ``round``,
``round_samples`` (how many lines the pair has), ``parent`` (the candidate id repaired),
``kind: "repair"`` and ``source: "repair"``; a resumed run keeps the complete pairs and redoes
the rest (:func:`complete_rounds`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Task
from omni_arc.feedback import Closeness, closeness, first_failure, render_feedback
from omni_arc.prompts import DEFAULT_GRID_FORMAT, fit_repair_messages

from infer.prompting import sample_rows

REPAIRABLE = ("exception", "timeout", "memory", "blocked_syscall", "invalid_output", "wrong_output")
KIND = "repair"


def row_round(row: Mapping[str, Any]) -> int:
    """The round a candidate line belongs to (0 for a first-round sample without the field).

    >>> row_round({}), row_round({"round": 2})
    (0, 2)
    """
    r = row.get("round")
    return r if isinstance(r, int) and not isinstance(r, bool) and r >= 0 else 0


def complete_rounds(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The (task, round >= 1) pairs whose ``round_samples`` lines ``0 .. round_samples - 1`` are all
    present exactly once, with their lines.

    >>> a = {"task_id": "t", "round": 1, "round_samples": 2, "sample_index": 0}
    >>> list(complete_rounds([a, {**a, "sample_index": 1}])), list(complete_rounds([a]))
    ([('t', 1)], [])
    """
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in rows:
        if row_round(row) >= 1:
            groups.setdefault((row["task_id"], row_round(row)), []).append(dict(row))
    done = {}
    for key, group in groups.items():
        sizes = {r.get("round_samples") for r in group}
        if len(sizes) != 1:
            continue
        size = sizes.pop()
        if isinstance(size, int) and sorted(r.get("sample_index", -1) for r in group) == list(range(size)):
            done[key] = group
    return done


@dataclass(frozen=True)
class Parent:
    """A failed candidate chosen for repair, with what it did on the (augmented) task."""

    row: dict[str, Any]
    view: Task  # the task in the candidate's augmentation frame
    augmentation: Augmentation
    outputs: list[Any]  # per train input: the grid, or None
    errors: list[str | None]  # per train input: "status: detail", or None
    test_errors: list[str | None]
    closeness: Closeness

    @property
    def candidate_id(self) -> str:
        return str(self.row.get("candidate_id"))

    def feedback(self, numbers: dict[int, int] | None = None, fmt: str = DEFAULT_GRID_FORMAT) -> str:
        return render_feedback([p.output for p in self.view.train], self.outputs, self.errors,
                               self.row["code"], numbers, fmt, self.test_errors)

    @property
    def failing(self) -> int | None:
        return first_failure([p.output for p in self.view.train], self.outputs)


Submit = Callable[[str, list[np.ndarray]], Any]  # (code, inputs) -> Future of an ExecResult


def select_parents(task: Task, rows: Sequence[Mapping[str, Any]], before_round: int, top: int,
                   submit: Submit) -> list[Parent]:
    """The ``top`` most promising failed programs of ``task`` among ``rows`` (its results rows)
    of rounds before ``before_round``: see the module docstring. ``submit`` runs a program in the
    sandbox (e.g. ``Executor.submit``)."""
    def identity(row: Mapping[str, Any]) -> Any:
        return row.get("program_hash") or (row.get("code"), repr(row.get("augmentation")))

    parents = {r.get("parent") for r in rows if r.get("parent")}
    seen = {identity(r) for r in rows if r.get("candidate_id") in parents}  # a program is repaired once
    chosen = []
    for row in rows:
        if row_round(row) >= before_round or row.get("status") not in REPAIRABLE or not row.get("code"):
            continue
        if identity(row) in seen:
            continue
        seen.add(identity(row))
        chosen.append(dict(row))
    runs = []
    for row in chosen:
        aug = Augmentation.from_json(row.get("augmentation"))
        view = task if aug.is_identity else aug.apply_task(task)
        inputs = [p.input for p in view.train] + [p.input for p in view.test]
        runs.append((row, view, aug, submit(row["code"], inputs)))
    parents = []
    for row, view, aug, future in runs:
        result = future.result()
        n = len(view.train)
        outputs = list(result.outputs) + [None] * (n + len(view.test) - len(result.outputs))
        errors = list(result.errors) + [None] * (len(outputs) - len(result.errors))
        parents.append(Parent(row, view, aug, outputs[:n], errors[:n], errors[n:],
                              closeness([p.output for p in view.train], outputs[:n])))
    ranked = sorted(range(len(parents)), key=lambda i: (-parents[i].closeness.pairs_right,
                                                        -parents[i].closeness.cell_fraction, i))
    return [parents[i] for i in ranked[:top]]


@dataclass(frozen=True)
class RepairGroup:
    """One repair prompt: a parent and the samples drawn from it (indices ``first_sample ..
    first_sample + n - 1`` of its (task, round))."""

    task_id: str
    round: int
    group: int
    parent: str
    augmentation: Augmentation
    n: int
    first_sample: int
    prompt_ids: list[int]
    dropped_pairs: int

    @property
    def prompt_tokens(self) -> int:
        return len(self.prompt_ids)


def repair_groups(task_id: str, rnd: int, parents: Sequence[Parent], samples: int,
                  count: Callable[[list[dict[str, str]]], int],
                  encode: Callable[[list[dict[str, str]]], list[int]], budget: int,
                  fmt: str = DEFAULT_GRID_FORMAT) -> list[RepairGroup]:
    """The repair prompts of one (task, round): ``samples`` samples per parent whose prompt fits
    ``budget`` tokens (a parent whose prompt cannot fit even with the failing pair alone is left out)."""
    groups, first = [], 0
    for p in parents:
        fitted = fit_repair_messages(p.view.train, p.row["code"], lambda numbers: p.feedback(numbers, fmt),
                                     count, budget, p.failing, fmt=fmt)
        if fitted is None:
            continue
        prompt, _kept = fitted
        groups.append(RepairGroup(task_id, rnd, len(groups), p.candidate_id, p.augmentation, samples,
                                  first, encode(prompt.messages), prompt.dropped_pairs))
        first += samples
    return groups


def repair_rows(groups: Sequence[tuple[RepairGroup, Sequence[Any]]]) -> list[dict[str, Any]]:
    """The candidates.jsonl lines of one (task, round), in sample order (``Any``: backend samples)."""
    total = sum(g.n for g, _ in groups)
    return sample_rows(groups, lambda g, i: {
        "task_id": g.task_id, "candidate_id": f"{g.task_id}:r{g.round}:{i}", "sample_index": i, "round": g.round,
        "round_samples": total, "parent": g.parent, "kind": KIND, "source": KIND})
