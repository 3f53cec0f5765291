"""Where a row starts and ends with the same colour, fill the whole row with it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for r in range(grid.shape[0]):
        if grid[r, 0] != 0 and grid[r, 0] == grid[r, -1]:
            out[r] = grid[r, 0]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for r in range(1, 10, 2):
        a = _gen.color(rng)
        grid[r, 0], grid[r, -1] = a, a if rng.random() < 0.3 else _gen.color(rng, exclude=(0, a))
    return grid
