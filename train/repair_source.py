"""Training samples of kind ``repair``: a broken program, its real execution feedback, the fix.

From the library (execution-checked): a sample shows one library task through 2..5 of its own
pairs (ARC-AGI-1 training pairs, in random order), a *mutant* of the task's program (one small
edit: a primitive swapped, a colour or constant changed, a line dropped or duplicated, arguments
swapped -- :func:`omni_arc.mutate.mutate` by default, or any injected ``mutants`` source) and the
feedback of :mod:`omni_arc.feedback` computed by really running the mutant in the sandbox on
those pairs' inputs. A mutant that still reproduces every shown pair is drawn again, so every
sample's feedback reports a real failure. The completion is the original program. The prompt is
:func:`omni_arc.prompts.fit_repair_messages` (other pairs are dropped before the failing one to
fit ``data.max_tokens``). No augmentation and no generated inputs: the examples are the task's
own pairs, whose outputs the original program reproduces (``check_tasks``).

Hindsight (:func:`hindsight_samples`): after an ``omni infer --repair-rounds`` run on ARC-AGI-1
*training* tasks, every verified repair and the failed program it repaired make one sample (the
parent re-run for its feedback, in the candidates' augmentation frame).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Pair, Task
from omni_arc.errors import UserError
from omni_arc.feedback import NOT_RUN, closeness, first_failure, render_feedback
from omni_arc.prompts import fit_repair_messages, repair_messages

from train.config import DataConfig
from train.dataset import CountTokens, LibraryTask, Runner, SlotBuilder, _outputs

KIND = "repair"
REPAIR_STREAM_SALT = 21  # keeps repair draws apart from code-from-examples draws of the same slot


@dataclass(frozen=True)
class SimpleMutant:
    """What a mutant source returns (``omni_arc.mutate.Mutant`` has the same fields)."""

    code: str
    kind: str
    description: str = ""


MutantSource = Callable[[str, np.random.Generator], Any]  # (source, rng) -> mutant with .code/.kind, or None


def default_mutants() -> MutantSource:
    """:func:`omni_arc.mutate.mutate`."""
    try:
        from omni_arc.mutate import mutate
    except ImportError:
        raise UserError("data.kinds.repair: needs program mutations (omni_arc.mutate), which this "
                        "checkout lacks") from None
    return mutate


def _errors(result: Any, n: int) -> list[str | None]:
    errs = list(getattr(result, "errors", None) or [])
    return (errs + [None] * n)[:n]


@dataclass
class _Draw:
    slot: int
    attempt: int
    task: LibraryTask
    pairs: list[Pair]
    indices: list[int]  # of the pairs in task.pairs
    mutant: Any


class RepairSampleBuilder(SlotBuilder):
    """Builds ``repair`` samples for a set of library tasks (see the module docstring)."""

    label = "building repair samples"

    def __init__(self, tasks: Sequence[LibraryTask], cfg: DataConfig, count_tokens: CountTokens | None,
                 seed: int = 0, stream: int = 0, mutants: MutantSource | None = None):
        super().__init__(tasks, cfg, count_tokens, seed, stream)
        self.mutants = mutants or default_mutants()

    def _rng(self, *key: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, self.stream, REPAIR_STREAM_SALT, *key])

    def _draw(self, slot: int, attempt: int) -> _Draw | None:
        n, j = len(self.tasks), slot + attempt * 7919  # a redraw moves on to another task
        task = self.tasks[int(self._rng(1_000_000 + j // n).permutation(n)[j % n])]  # balanced per cycle
        rng = self._rng(slot, attempt)
        k = min(int(rng.integers(self.cfg.min_pairs, self.cfg.max_pairs + 1)), len(task.pairs))
        indices = [int(i) for i in rng.permutation(len(task.pairs))[:k]]
        mutant = self.mutants(task.source, rng)
        if mutant is None or not getattr(mutant, "code", None) or mutant.code == task.source:
            self.report.fail("no mutation of the program")
            return None
        return _Draw(slot, attempt, task, [task.pairs[i] for i in indices], indices, mutant)

    def _resolve(self, d: _Draw, result: Any) -> dict[str, Any] | None:
        n = len(d.pairs)
        outputs, errors = _outputs(result, n), _errors(result, n)
        expected = [p.output for p in d.pairs]
        if any((e or "").partition(":")[0] in NOT_RUN for e in errors):
            self.report.fail("mutant does not compile")
            return None
        if closeness(expected, outputs).pairs_right == n:
            self.report.fail("mutant still reproduces every example")
            return None
        failing = first_failure(expected, outputs)

        def feedback(numbers: dict[int, int]) -> str:
            return render_feedback(expected, outputs, errors, d.mutant.code, numbers, self.cfg.grid_format)

        if self.cfg.max_tokens:
            fitted = fit_repair_messages(d.pairs, d.mutant.code, feedback, self.count_tokens,
                                         self.cfg.max_tokens, failing, code=d.task.source,
                                         fmt=self.cfg.grid_format)
            if fitted is None:
                self.report.fail("too long for data.max_tokens")
                return None
            prompt, kept = fitted
            messages, n_tokens, dropped = prompt.messages, prompt.n_tokens, prompt.dropped_pairs
        else:
            kept = list(range(n))
            messages = repair_messages(d.pairs, d.mutant.code, feedback({i: i + 1 for i in kept}),
                                       d.task.source, self.cfg.grid_format)
            n_tokens, dropped = (self.count_tokens(messages) if self.count_tokens else None), 0
        status = (errors[failing] or "").partition(":")[0] or "wrong_output"
        return {
            "prompt": messages[:-1], "completion": messages[-1:], "kind": KIND,
            "task_id": d.task.task_id, "mutant": d.mutant.code, "mutation": getattr(d.mutant, "kind", ""),
            "mutant_status": status, "pair_indices": [d.indices[i] for i in kept], "n_tokens": n_tokens,
            "dropped_pairs": dropped, "slot": d.slot, "attempt": d.attempt,
        }

    def _attempt(self, pending: list[int], attempt: int, run: Runner) -> dict[int, dict[str, Any] | None]:
        draws = [self._draw(slot, attempt) for slot in pending]
        ready = [d for d in draws if d is not None]
        results = run([(d.mutant.code, [p.input for p in d.pairs]) for d in ready])
        return {d.slot: self._resolve(d, r) for d, r in zip(ready, results)}


# ---------------------------------------------------------------- hindsight

def hindsight_samples(rows: Sequence[Mapping[str, Any]], tasks: Mapping[str, Task], run: Runner,
                      count_tokens: CountTokens | None = None, max_tokens: int = 0,
                      fmt: str = "shape-numbered-rows") -> list[dict[str, Any]]:
    """Training samples from a repair run's results rows: for each verified repair, its parent
    (the failed program, re-run for its feedback) as the prompt and the repair as the completion.
    Only ARC-AGI-1 training tasks are accepted (evaluation tasks never become training data)."""
    from omni_arc.data import load_dataset
    from omni_arc.library import SOURCE_DATASET

    allowed = load_dataset(SOURCE_DATASET)
    by_id = {r.get("candidate_id"): r for r in rows}
    fixes = [r for r in rows if r.get("status") == "verified" and r.get("kind") == KIND
             and by_id.get(r.get("parent"), {}).get("code")]
    for r in fixes:
        if r["task_id"] not in allowed or r["task_id"] not in tasks:
            raise UserError(f"hindsight: task {r['task_id']} is not an ARC-AGI-1 training task; "
                            "repairs of other tasks never become training data")
    views = []
    for r in fixes:
        parent = by_id[r["parent"]]
        aug = Augmentation.from_json(parent.get("augmentation"))
        task = tasks[r["task_id"]]
        views.append((r, parent, task if aug.is_identity else aug.apply_task(task)))
    results = run([(p["code"], [x.input for x in v.train] + [x.input for x in v.test]) for _, p, v in views])
    samples = []
    for (r, parent, view), result in zip(views, results):
        n = len(view.train)
        outputs = _outputs(result, n + len(view.test))
        errors = _errors(result, n + len(view.test))
        expected = [p.output for p in view.train]

        def feedback(numbers: dict[int, int]) -> str:
            return render_feedback(expected, outputs[:n], errors[:n], parent["code"], numbers, fmt, errors[n:])

        failing = first_failure(expected, outputs[:n])
        if max_tokens and count_tokens is not None:
            fitted = fit_repair_messages(view.train, parent["code"], feedback, count_tokens, max_tokens,
                                         failing, code=r["code"], fmt=fmt)
            if fitted is None:
                continue
            messages = fitted[0].messages
        else:
            messages = repair_messages(view.train, parent["code"], feedback({i: i + 1 for i in range(n)}),
                                       r["code"], fmt)
        samples.append({"prompt": messages[:-1], "completion": messages[-1:], "kind": KIND,
                        "task_id": r["task_id"], "origin": "hindsight", "parent": parent.get("candidate_id"),
                        "candidate_id": r.get("candidate_id")})
    return samples
