"""Each dot draws a full cross of its colour through itself; where the two crosses meet, the cell is red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r1, c1), (r2, c2) = cells_of(grid != 0)
    out = np.zeros_like(grid)
    out[r1, :] = out[:, c1] = grid[r1, c1]
    out[r2, :] = out[:, c2] = grid[r2, c2]
    out[r1, c2] = out[r2, c1] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    rows, cols = rng.choice(9, size=2, replace=False), rng.choice(9, size=2, replace=False)
    a, b = _gen.colors(rng, 2, exclude=(0, 2))
    grid[rows[0], cols[0]], grid[rows[1], cols[1]] = a, b
    return grid
