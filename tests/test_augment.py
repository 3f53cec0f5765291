"""Augmentations: the 8 dihedral transforms x colour permutations, forward and back."""
from __future__ import annotations

import numpy as np
import pytest

from omni_arc.augment import TRANSFORMS, Augmentation, random_augmentation
from omni_arc.data import load_task
from omni_arc.dsl import dihedral, flip_left_right, rotate

GRID = np.array([[1, 2, 3], [4, 5, 6]])
SWAP_1_2 = (0, 2, 1, 3, 4, 5, 6, 7, 8, 9)


@pytest.mark.parametrize("transform", TRANSFORMS)
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
    ("rotate_270", [[3, 6], [2, 5], [1, 4]]),
    ("rotate_180", [[6, 5, 4], [3, 2, 1]]),
    ("rotate_90", [[4, 1], [5, 2], [6, 3]]),
    ("flip_left_right", [[3, 2, 1], [6, 5, 4]]),
    ("flip_top_bottom", [[4, 5, 6], [1, 2, 3]]),
    ("transpose", [[1, 4], [2, 5], [3, 6]]),
    ("anti_transpose", [[6, 3], [5, 2], [4, 1]]),
])
def test_each_transform_moves_cells_as_named(transform, expected):
    assert Augmentation(transform).apply(GRID).tolist() == expected


def test_augmentation_turns_the_way_the_dsl_rotate_does():
    assert Augmentation("rotate_90").apply(GRID).tolist() == rotate(GRID, 1).tolist()
    assert Augmentation("rotate_270").apply(GRID).tolist() == rotate(GRID, -1).tolist()
    assert Augmentation("flip_left_right").apply(GRID).tolist() == flip_left_right(GRID).tolist()
    for name in TRANSFORMS:
        assert Augmentation(name).apply(GRID).tolist() == dihedral(GRID, name).tolist(), name


@pytest.mark.parametrize("old, numpy_call", [
    ("rot90", lambda g: np.rot90(g, 1)), ("rot180", lambda g: np.rot90(g, 2)), ("rot270", lambda g: np.rot90(g, 3)),
    ("flip_lr", np.fliplr), ("flip_ud", np.flipud),
])
def test_saved_records_with_the_old_numpy_names_read_back_as_the_same_transform(old, numpy_call):
    aug = Augmentation.from_json({"transform": old, "colors": list(SWAP_1_2)})
    assert aug.transform in TRANSFORMS
    assert aug.apply(GRID).tolist() == Augmentation("identity", SWAP_1_2).apply(numpy_call(GRID)).tolist()


def test_colours_are_permuted_after_the_transform():
    aug = Augmentation("flip_left_right", SWAP_1_2)
    assert aug.apply(GRID).tolist() == [[3, 1, 2], [6, 5, 4]]
    assert aug.invert(aug.apply(GRID)).tolist() == GRID.tolist()


def test_apply_task_maps_every_grid_and_keeps_unknown_outputs():
    task = load_task("007bbfb7")
    aug = Augmentation("rotate_270", SWAP_1_2)
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
    assert {a.transform for a in augs} == set(TRANSFORMS)
    fixed = random_augmentation(rng, dihedral=False, permute_colors=False)
    assert fixed.is_identity
