"""Below the grey line, fill each row with the next colour of the top row, cycling."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for i in range(2, len(grid)):
        out[i] = grid[0, (i - 2) % grid.shape[1]]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    W = int(rng.integers(2, 6))
    grid = np.zeros((2 + 2 * W, W), dtype=int)
    grid[0] = _gen.colors(rng, W, exclude=(0, 5))
    grid[1] = 5
    return grid
