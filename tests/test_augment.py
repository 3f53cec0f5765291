"""Augmentations: the 8 dihedral transforms x colour permutations, forward and back."""
from __future__ import annotations

import numpy as np
import pytest

from omni_arc.augment import DIHEDRAL, Augmentation, random_augmentation
from omni_arc.data import load_task

GRID = np.array([[1, 2, 3], [4, 5, 6]])
SWAP_1_2 = (0, 2, 1, 3, 4, 5, 6, 7, 8, 9)


@pytest.mark.parametrize("transform", DIHEDRAL)
def test_invert_undoes_apply_for_every_transform(transform):
    rng = np.random.default_rng(1)
    colors = tuple(int(c) for c in rng.permutation(10))
    aug = Augmentation(transform, colors)
    for _ in range(20):
        grid = rng.integers(0, 10, size=tuple(rng.integers(1, 8, size=2)))
        forward = aug.apply(grid)
        assert forward.shape in (grid.shape, grid.shape[::-1])
        assert np.array_equal(aug.invert(forward), grid)


@pytest.mark.parametrize("transform, expected", [
    ("identity", [[1, 2, 3], [4, 5, 6]]),
    ("rot90", [[3, 6], [2, 5], [1, 4]]),
    ("rot180", [[6, 5, 4], [3, 2, 1]]),
    ("rot270", [[4, 1], [5, 2], [6, 3]]),
    ("flip_lr", [[3, 2, 1], [6, 5, 4]]),
    ("flip_ud", [[4, 5, 6], [1, 2, 3]]),
    ("transpose", [[1, 4], [2, 5], [3, 6]]),
    ("anti_transpose", [[6, 3], [5, 2], [4, 1]]),
])
def test_each_transform_moves_cells_as_named(transform, expected):
    assert Augmentation(transform).apply(GRID).tolist() == expected


def test_colours_are_permuted_after_the_transform():
    aug = Augmentation("flip_lr", SWAP_1_2)
    assert aug.apply(GRID).tolist() == [[3, 1, 2], [6, 5, 4]]
    assert aug.invert(aug.apply(GRID)).tolist() == GRID.tolist()


def test_apply_task_maps_every_grid_and_keeps_unknown_outputs():
    task = load_task("007bbfb7")
    aug = Augmentation("rot90", SWAP_1_2)
    moved = aug.apply_task(task)
    assert moved.id == task.id and len(moved.train) == len(task.train)
    for before, after in zip(task.train + task.test, moved.train + moved.test):
        assert np.array_equal(aug.invert(after.input), before.input)
        assert np.array_equal(aug.invert(after.output), before.output)


def test_json_round_trip_and_identity_default():
    aug = Augmentation("anti_transpose", SWAP_1_2)
    assert Augmentation.from_json(aug.to_json()) == aug
    assert aug.to_json() == {"transform": "anti_transpose", "colors": list(SWAP_1_2)}
    assert Augmentation.from_json(None).is_identity and Augmentation.from_json({}).is_identity
    assert not aug.is_identity


@pytest.mark.parametrize("kwargs", [{"transform": "rot45"}, {"colors": (0,) * 10}, {"colors": (0, 1)}])
def test_invalid_augmentations_are_rejected(kwargs):
    with pytest.raises(ValueError):
        Augmentation(**kwargs)


def test_random_augmentations_are_seeded_and_keep_the_background():
    first = [random_augmentation(np.random.default_rng(7)) for _ in range(3)]
    assert len(set(first)) == 1
    rng = np.random.default_rng(0)
    augs = [random_augmentation(rng) for _ in range(50)]
    assert all(a.colors[0] == 0 for a in augs)
    assert {a.transform for a in augs} == set(DIHEDRAL)
    fixed = random_augmentation(rng, dihedral=False, permute_colors=False)
    assert fixed.is_identity
