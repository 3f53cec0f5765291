"""Each dot frames its half of the grid: a border around the half plus a full line through the dot."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = np.zeros_like(grid)
    half = grid.shape[0] // 2
    for r, c in cells_of(grid != 0):
        rows = slice(0, half) if r < half else slice(half, None)
        out[rows, 0] = out[rows, -1] = grid[r, c]
        out[0 if r < half else -1] = grid[r, c]
        out[r] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    a, b = _gen.colors(rng, 2)
    grid[2, int(rng.integers(1, 9))] = a
    grid[7, int(rng.integers(1, 9))] = b
    return grid
