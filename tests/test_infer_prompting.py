"""Test-time augmentation groups and length control of `omni infer` prompts."""
from __future__ import annotations

import numpy as np
import pytest

from infer.prompting import PromptBuilder, Skipped, split_samples, task_augmentations
from omni_arc.augment import Augmentation
from omni_arc.data import Pair, Task


def small_task(n_train: int = 3, side: int = 3, tid: str = "t") -> Task:
    rng = np.random.default_rng(0)
    pairs = [Pair(rng.integers(0, 10, (side, side)), rng.integers(0, 10, (side, side)))
             for _ in range(n_train)]
    return Task(tid, pairs, [Pair(rng.integers(0, 10, (side, side)))])


@pytest.mark.parametrize("n,groups", [(1, 8), (7, 8), (8, 8), (10, 4), (32, 8), (33, 8), (5, 1)])
def test_any_number_of_samples_is_split_exactly_without_rounding(n, groups):
    counts = split_samples(n, groups)
    assert sum(counts) == n
    assert len(counts) == min(n, groups)
    assert max(counts) - min(counts) <= 1 and min(counts) >= 1


def test_ten_samples_in_four_groups_is_three_three_two_two():
    assert split_samples(10, 4) == [3, 3, 2, 2]


def test_augmentations_start_with_the_task_as_given_and_are_reproducible():
    augs = task_augmentations("007bbfb7", 8, seed=0)
    assert augs[0].is_identity
    assert [a.transform for a in augs] == ["identity", "rotate_90", "rotate_180", "rotate_270", "flip_left_right",
                                           "anti_transpose", "flip_top_bottom", "transpose"]
    assert all(a.colors[0] == 0 for a in augs)  # background kept
    assert augs == task_augmentations("007bbfb7", 8, seed=0)
    assert augs != task_augmentations("007bbfb7", 8, seed=1)
    assert augs[1:] != task_augmentations("00d62c1b", 8, seed=0)[1:]


def test_no_augment_means_one_identity_group():
    assert task_augmentations("t", 8, seed=0, augment=False) == [Augmentation()]


def test_prompts_of_a_task_share_its_samples_each_group_with_its_augmentation(tokenizer):
    task = small_task()
    augs = task_augmentations(task.id, 4, seed=0)
    groups = PromptBuilder(tokenizer, budget=4000).build(task, 10, augs)
    assert [g.n for g in groups] == [3, 3, 2, 2]
    assert [g.first_sample for g in groups] == [0, 3, 6, 8]
    assert [g.augmentation for g in groups] == augs
    assert all(g.dropped_pairs == 0 for g in groups)
    texts = [tokenizer.decode(g.prompt_ids) for g in groups]
    assert len(set(texts)) == 4  # each group sees a different view of the task
    rotated = augs[1].apply(task.train[0].input)
    digits = "".join(str(v) for v in rotated[0])
    assert f"1 {digits}" in texts[1]


def test_long_prompts_drop_train_pairs_to_fit_the_budget(tokenizer):
    task = small_task(n_train=4, side=12)
    builder = PromptBuilder(tokenizer, budget=10_000)
    full = builder.build(task, 1, [Augmentation()])[0].prompt_tokens
    tight = PromptBuilder(tokenizer, budget=full - 1).build(task, 1, [Augmentation()])[0]
    assert 1 <= tight.dropped_pairs < 4
    assert tight.prompt_tokens <= full - 1


def test_a_task_whose_single_pair_does_not_fit_is_skipped_with_a_reason(tokenizer):
    task = small_task(n_train=2, side=20)
    skipped = PromptBuilder(tokenizer, budget=100).build(task, 4, task_augmentations("t", 2, 0))
    assert isinstance(skipped, Skipped)
    assert skipped.task_id == "t" and skipped.prompt_tokens > 100
    assert "budget is 100" in skipped.reason
