"""Surround every grey cell with a ring of blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_mask(grid, neighbors(grid == 5, diagonal=True) & (grid == 0), 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for _ in range(int(rng.integers(2, 6))):
        spot = _gen.free_spot(rng, grid != 0, 3, 3, margin=0)
        if spot is not None:
            grid[spot[0] + 1, spot[1] + 1] = 5
    return grid
