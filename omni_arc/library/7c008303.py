"""Colour each quarter of the green pattern with the matching cell of the 2x2 key."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    parts = split_by_lines(grid, 8)
    key = [part for part in parts if part.shape == (2, 2)][0]
    pattern = [part for part in parts if part.shape == (6, 6)][0]
    return np.where(pattern != 0, scale_up(key, 3), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    key = rng.choice([1, 2, 4, 5, 6, 7, 9], size=(2, 2), replace=False)
    pattern = np.where(rng.random((6, 6)) < 0.45, 3, 0)
    top = concat_horizontal(key, new_grid(2, 1, 8), new_grid(2, 6))
    bottom = concat_horizontal(new_grid(6, 2), new_grid(6, 1, 8), pattern)
    grid = concat_vertical(top, new_grid(1, 9, 8), bottom)
    return grid[::rng.choice([-1, 1]), ::rng.choice([-1, 1])].copy()
