"""Lean each slanted shape: every cell moves one step right, except the bottom row and the rightmost column."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = np.zeros_like(grid)
    for obj in find_objects(grid, diagonal=True):
        for r, c in obj.cells:
            out[r, c + (r < obj.bottom - 1 and c < obj.right - 1)] = obj.color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(7, 15)), int(rng.integers(10, 15))
    grid = np.zeros((h, w), dtype=int)
    for color in _gen.colors(rng, int(rng.integers(1, 4))):
        n, length = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        spot = _gen.free_spot(rng, grid != 0, n, length + n - 2)
        if spot is not None:
            r, c = spot
            grid[r, c:c + length] = grid[r + n - 1, c + n - 2:c + n - 2 + length] = color
            for i in range(1, n - 1):
                grid[r + i, c + i - 1] = grid[r + i, c + i - 1 + length] = color
    return grid
