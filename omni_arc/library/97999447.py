"""Each coloured cell starts a line to the right edge, alternating its colour with grey."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for r, c in cells_of(grid != 0):
        out[r, c:] = np.where(np.arange(grid.shape[1] - c) % 2, 5, grid[r, c])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(6, 11)), int(rng.integers(6, 13))
    grid = np.zeros((H, W), dtype=int)
    for r in rng.permutation(H)[:int(rng.integers(1, 5))]:
        grid[r, int(rng.integers(0, W - 1))] = _gen.color(rng, exclude=(0, 5))
    return grid
