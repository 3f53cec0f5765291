"""Training samples of the ``neighbours`` and ``output_from_code`` kinds (see ``data.kinds``).

- ``neighbours``: a library task's examples, then its ``data.neighbours`` nearest library programs
  found *leave-one-out* (never its own program nor its same-rule group's, and only programs of the
  same split, so validation programs never appear in training prompts), each with one line on how
  its outputs compare with the examples *shown* (re-scored on the sample's own, possibly augmented,
  pairs); the completion is the task's own program. The near programs are found once per task on
  its train pairs (:class:`NeighbourSource`, cached) and re-run on each sample's inputs as extra
  jobs of the same batch, so program, examples and the lines about the neighbours always agree.
- ``output_from_code``: a library program and one input (own or generated), the completion is the
  output grid the program computes -- it teaches what the DSL's primitives do.

:func:`train.dataset.build_split` builds ``data.kinds``' share of each kind with :func:`build_kind`
(a :class:`train.dataset.SampleBuilder` of that kind, which hands its checked examples here).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Pair
from omni_arc.neighbours import Nearness, Program, ProgramRunner, nearest_many, program_outputs, score
from omni_arc.prompts import (NeighbourText, fit_neighbours_messages, neighbours_messages,
                              output_from_code_messages)

KIND_CODE, KIND_NEIGHBOURS, KIND_OUTPUT = "code_from_examples", "neighbours", "output_from_code"


class NeighbourSource:
    """The leave-one-out near programs of library tasks, found once per task and cached."""

    def __init__(self, pool: Sequence[Program], k: int, run: ProgramRunner) -> None:
        self.pool, self.k, self.run = list(pool), k, run
        self.found: dict[str, list[Nearness]] = {}

    def ensure(self, tasks: Sequence[Any]) -> None:
        """Find the near programs of the ``tasks`` (LibraryTask) not seen yet, all in one batch."""
        todo = {t.task_id: t for t in tasks if t.task_id not in self.found}
        if not todo:
            return
        pairs = [(tid, [p for p, o in zip(t.pairs, t.origins) if o == "train"]) for tid, t in todo.items()]
        self.found.update(nearest_many(pairs, self.pool, self.run, self.k, leave_one_out=True))

    def programs(self, task_id: str) -> list[Program]:
        return [n.program for n in self.found.get(task_id, [])]


def neighbour_jobs(programs: Sequence[Program], inputs: Sequence[np.ndarray],
                   augs: Sequence[Augmentation]) -> list[tuple[str, list[np.ndarray]]]:
    """One job per near program: the sample's inputs as drawn, then under each candidate augmentation
    (the same layout as the sample's own job)."""
    views = list(inputs)
    for aug in augs:
        views += [aug.apply(x) for x in inputs]
    return [(p.source, views) for p in programs]


def neighbour_texts(programs: Sequence[Program], results: Sequence[Any], view: int, keep: Sequence[int],
                    n_inputs: int, pairs: Sequence[Pair]) -> list[NeighbourText]:
    """Each near program with the line on how it does on the shown ``pairs`` (view ``view``,
    inputs ``keep``), best first."""
    scored = []
    for prog, res in zip(programs, results):
        outs = program_outputs(res, n_inputs * (view + 1))[view * n_inputs:(view + 1) * n_inputs]
        scored.append(score(prog, [p.output for p in pairs], [outs[j] for j in keep]))
    scored.sort(key=Nearness.key)
    return [NeighbourText(n.program.program_id, n.describe(), n.program.source) for n in scored]


def neighbours_sample(pairs: Sequence[Pair], texts: Sequence[NeighbourText], code: str, cfg: Any,
                      count_tokens: Any) -> dict[str, Any] | None:
    """The messages and budget facts of a neighbours sample, or None when it cannot fit."""
    if cfg.max_tokens:
        fit = fit_neighbours_messages(pairs, texts, count_tokens, cfg.max_tokens, code=code,
                                      fmt=cfg.grid_format, min_pairs=cfg.min_pairs)
        if fit is None:
            return None
        return {"messages": fit.messages, "n_tokens": fit.n_tokens, "kept_pairs": fit.kept_pairs,
                "dropped_pairs": fit.dropped_pairs, "neighbour_ids": [t.program_id for t in texts[:fit.kept_neighbours]],
                "dropped_neighbours": fit.dropped_neighbours}
    messages = neighbours_messages(pairs, texts, code=code, fmt=cfg.grid_format)
    return {"messages": messages, "n_tokens": count_tokens(messages) if count_tokens else None,
            "kept_pairs": len(pairs), "dropped_pairs": 0, "neighbour_ids": [t.program_id for t in texts],
            "dropped_neighbours": 0}


def output_from_code_sample(pair: Pair, code: str, cfg: Any, count_tokens: Any) -> dict[str, Any] | None:
    """The messages of an output_from_code sample, or None when it does not fit the budget."""
    messages = output_from_code_messages(code, pair.input, pair.output, cfg.grid_format)
    n = count_tokens(messages) if count_tokens else None
    if cfg.max_tokens and n > cfg.max_tokens:
        return None
    return {"messages": messages, "n_tokens": n, "kept_pairs": 1, "dropped_pairs": 0}


def build_kind(kind: str, tasks: Sequence[Any], pool_tasks: Sequence[Any], cfg: Any, count_tokens: Any,
               seed: int, stream: int, n: int, run: Any, nearness_run: ProgramRunner | None = None,
               progress: bool = True) -> tuple[list[dict[str, Any]], Any]:
    """``n`` samples of ``kind`` for ``tasks`` and the build report. Neighbours come from the
    programs of ``pool_tasks`` (the train split), found with ``nearness_run`` (default: the trusted
    fast path, :func:`omni_arc.neighbours.trusted_runner` -- library programs only)."""
    from contextlib import nullcontext

    from omni_arc.neighbours import trusted_runner
    from train.dataset import SampleBuilder

    if kind == KIND_OUTPUT:
        builder = SampleBuilder(tasks, cfg, count_tokens, seed, stream)
        return builder.build(n, run, progress), builder.report
    pool = [Program(t.task_id, t.source) for t in pool_tasks]
    with (nullcontext(nearness_run) if nearness_run else trusted_runner()) as near:
        builder = SampleBuilder(tasks, cfg, count_tokens, seed, stream, NeighbourSource(pool, cfg.neighbours, near))
        return builder.build(n, run, progress), builder.report
