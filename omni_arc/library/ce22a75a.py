"""Grow every grey dot into a 3x3 blue square."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return mask_to_grid(dilate(grid == 5, diagonal=True), 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for _ in range(int(rng.integers(1, 6))):
        r, c = 1 + 3 * int(rng.integers(3)), 1 + 3 * int(rng.integers(3))
        grid[r, c] = 5
    return grid
