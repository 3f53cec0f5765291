"""Tasks → prompts: test-time augmentation groups and length control.

The N samples of a task are split into groups (:func:`split_samples`); each group gets its own
augmentation of the whole task (:func:`task_augmentations`: group 0 is the task as given, the
others a dihedral transform plus a colour permutation) and one prompt, from which the backend
draws that group's samples. A prompt longer than the budget (max model length minus max new
tokens) drops train pairs from the end until it fits (:func:`omni_arc.prompts.fit_messages`);
an augmentation whose prompt cannot fit even with one pair is left out and its samples go to the
other groups; a task where no augmentation fits is skipped with a reason.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from omni_arc.augment import TRANSFORMS, Augmentation
from omni_arc.data import Task
from omni_arc.prompts import (DEFAULT_GRID_FORMAT, DEFAULT_PROMPT_KIND, NeighbourText, code_from_examples_messages,
                              fit_messages, fit_neighbours_messages, parse_code, render_prompt)


@dataclass(frozen=True)
class PromptGroup:
    """One prompt of a task and the samples to draw from it (indices ``first_sample ..
    first_sample + n - 1`` of the task)."""

    task_id: str
    group: int
    augmentation: Augmentation
    n: int
    first_sample: int
    prompt_ids: list[int]
    dropped_pairs: int
    kind: str = DEFAULT_PROMPT_KIND  # code_from_examples or neighbours
    neighbour_ids: tuple[str, ...] = ()  # the near programs the prompt shows
    dropped_neighbours: int = 0  # near programs left out to fit the budget

    @property
    def prompt_tokens(self) -> int:
        return len(self.prompt_ids)


@dataclass(frozen=True)
class Skipped:
    """A task that gets no prompt, and why."""

    task_id: str
    reason: str
    prompt_tokens: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "reason": self.reason, "prompt_tokens": self.prompt_tokens}


def sample_rows(groups: Sequence[tuple[Any, Sequence[Any]]], head: Callable[[Any, int], dict[str, Any]],
                tail: Callable[[Any], dict[str, Any]] = lambda g: {}) -> list[dict[str, Any]]:
    """The candidates.jsonl lines of finished groups (:class:`PromptGroup` or ``infer.repair.RepairGroup``,
    each with its backend samples), in sample order: ``head(group, sample index)``, the group's
    augmentation unless identity, the sample with its parsed code and the prompt's sizes, then
    ``tail(group)``."""
    rows = []
    for g, samples in sorted(groups, key=lambda gs: gs[0].first_sample):
        for j, s in enumerate(samples):
            row = head(g, g.first_sample + j)
            if not g.augmentation.is_identity:
                row["augmentation"] = g.augmentation.to_json()
            parsed = parse_code(s.text)
            row.update(response=s.text, code=parsed.code or parsed.source or "", parse_error=parsed.error,
                       n_tokens=s.n_tokens, cumulative_logprob=s.cumulative_logprob,
                       finish_reason=s.finish_reason, prompt_tokens=g.prompt_tokens,
                       dropped_pairs=g.dropped_pairs, **tail(g))
            rows.append(row)
    return rows


def split_samples(n: int, groups: int) -> list[int]:
    """Split ``n`` samples into ``groups`` near-equal positive counts, larger first (never more
    groups than samples).

    >>> split_samples(10, 4)
    [3, 3, 2, 2]
    >>> split_samples(3, 8)
    [1, 1, 1]
    >>> split_samples(32, 8)
    [4, 4, 4, 4, 4, 4, 4, 4]
    """
    if n < 1:
        raise ValueError(f"need at least one sample, got {n}")
    groups = max(1, min(groups, n))
    base, extra = divmod(n, groups)
    return [base + (1 if i < extra else 0) for i in range(groups)]


def task_rng(seed: int, task_id: str, salt: int = 0) -> np.random.Generator:
    """A generator that depends only on the run seed, the task id and ``salt`` (not on the order
    tasks are processed in, so a resumed run draws the same augmentations)."""
    return np.random.default_rng([seed, zlib.crc32(task_id.encode()), salt])


def task_augmentations(task_id: str, k: int, seed: int, augment: bool = True) -> list[Augmentation]:
    """``k`` augmentations for a task: the identity first, then the dihedral transforms in order
    (cycling after 8), each with a random colour permutation that keeps 0 (the background).
    Without ``augment`` only the identity.

    >>> [a.transform for a in task_augmentations("t", 3, seed=0)]
    ['identity', 'rotate_90', 'rotate_180']
    >>> task_augmentations("t", 3, seed=0, augment=False)
    [Augmentation(transform='identity', colors=(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))]
    """
    if not augment or k <= 1:
        return [Augmentation()]
    rng = task_rng(seed, task_id, salt=1)
    augs = [Augmentation()]
    for i in range(1, k):
        colors = [0, *(int(c) for c in rng.permutation(np.arange(1, 10)))]
        augs.append(Augmentation(TRANSFORMS[i % len(TRANSFORMS)], tuple(colors)))
    return augs


class PromptBuilder:
    """Turns tasks into :class:`PromptGroup` lists with a tokenizer and a token budget."""

    def __init__(self, tokenizer: Any, budget: int, fmt: str = DEFAULT_GRID_FORMAT) -> None:
        self.tokenizer = tokenizer
        self.budget = budget
        self.fmt = fmt

    def encode(self, messages: list[dict[str, str]]) -> list[int]:
        """The token ids of the rendered chat prompt (the chat template adds any special tokens)."""
        text = render_prompt(self.tokenizer, messages)
        return list(self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def count(self, messages: list[dict[str, str]]) -> int:
        return len(self.encode(messages))

    def build(
        self, task: Task, n: int, augmentations: list[Augmentation],
        kinds: Sequence[str] = (DEFAULT_PROMPT_KIND,),
        neighbours_for: Callable[[Task], list[NeighbourText]] | None = None,
    ) -> list[PromptGroup] | Skipped:
        """The prompt groups of ``task`` sharing ``n`` samples, or :class:`Skipped`. Augmentation ``i``
        gets prompt kind ``kinds[i % len(kinds)]``; a neighbours prompt shows ``neighbours_for(view)``
        (the near programs described on the view it shows) and drops them before any train pair."""
        fitted = []
        for i, aug in enumerate(augmentations):
            view = task if aug.is_identity else aug.apply_task(task)
            kind = kinds[i % len(kinds)]
            if kind == "neighbours" and neighbours_for is not None:
                texts = neighbours_for(view)
                nfit = fit_neighbours_messages(view.train, texts, self.count, self.budget, fmt=self.fmt)
                fit = None if nfit is None else (nfit, kind, tuple(t.program_id for t in texts[:nfit.kept_neighbours]),
                                                 nfit.dropped_neighbours)
            else:
                cfit = fit_messages(view.train, self.count, self.budget, fmt=self.fmt)
                fit = None if cfit is None else (cfit, kind, (), 0)
            if fit is not None:
                fitted.append((aug, fit))
            if len(fitted) == n:  # never more groups than samples
                break
        if not fitted:
            one = self.count(code_from_examples_messages(task.train[:1], fmt=self.fmt))
            return Skipped(task.id, f"prompt with a single train pair needs {one} tokens; the "
                           f"budget is {self.budget} (max model length minus max new tokens)", one)
        groups, first = [], 0
        for g, ((aug, (fit, kind, ids, dropped)), count) in enumerate(zip(fitted, split_samples(n, len(fitted)))):
            groups.append(PromptGroup(task.id, g, aug, count, first, self.encode(fit.messages),
                                      fit.dropped_pairs, kind, ids, dropped))
            first += count
        return groups


def make_builder(tokenizer: Any, max_model_len: int, max_tokens: int,
                 fmt: str = DEFAULT_GRID_FORMAT) -> PromptBuilder:
    """A builder whose budget leaves room for ``max_tokens`` new tokens."""
    budget = max_model_len - max_tokens
    if budget <= 0:
        from omni_arc.errors import UserError

        raise UserError(f"--max-tokens {max_tokens} leaves no room for a prompt in "
                        f"--max-model-len {max_model_len}")
    return PromptBuilder(tokenizer, budget, fmt)

