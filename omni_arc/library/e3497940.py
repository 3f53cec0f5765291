"""Fold the right half over the grey line onto the left half."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    left, right = split_by_lines(grid, 5)
    return overlay(left, flip_left_right(right))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    palette = _gen.colors(rng, 2, exclude=(0, 5))
    grid = np.zeros((10, 9), dtype=int)
    grid[:, 4] = 5
    for r in range(1, 9):
        if rng.random() < 0.8:
            n = int(rng.integers(1, 4))
            side = int(rng.integers(2))
            color = int(rng.choice(palette))
            if side == 0:
                grid[r, 4 - n:4] = color
            else:
                grid[r, 5:5 + n] = color
    return grid
