"""The grey cells in the corner count a distance: the cross moves that far down and left, and the grey disappears."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = count_color(grid, 5)
    (r,), (c,) = full_lines(grid, 0), full_lines(grid, 1)
    out = np.zeros_like(grid)
    out[r + n], out[:, c - n] = grid[r, c], grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(1, 4))
    grid = np.zeros((10, 10), dtype=int)
    r, c, color = int(rng.integers(n, 10 - n)), int(rng.integers(n, 9)), _gen.color(rng, exclude=(0, 5))
    grid[r], grid[:, c] = color, color
    grid[:n, -1] = 5
    return grid
