"""Drop the dot one row and fill every other column above it with yellow, in step with the dot's column."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r, c), = cells_of(grid != 0)
    out = new_grid(*grid.shape)
    out[:r + 1, c % 2::2] = 4
    out[r + 1, c] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 13))
    grid = np.zeros((n, n), dtype=int)
    grid[int(rng.integers(0, n - 1)), int(rng.integers(n))] = int(rng.choice([1, 2, 3, 5, 6, 7, 8, 9]))
    return grid
