"""Surround every red cell with a ring of blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    ring = dilate(grid == 2, diagonal=True) & (grid == 0)
    return fill_mask(grid, ring, 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(4, 11)), int(rng.integers(5, 11))
    grid = np.zeros((height, width), dtype=int)
    for _ in range(int(rng.integers(1, 6))):
        r, c = int(rng.integers(height)), int(rng.integers(width))
        if not grid[max(r - 2, 0):r + 3, max(c - 2, 0):c + 3].any():
            grid[r, c] = 2 if rng.random() < 0.6 else _gen.color(rng, exclude=(0, 1, 2))
    return grid
