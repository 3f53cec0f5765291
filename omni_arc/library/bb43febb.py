"""Fill the inside of every grey rectangle with red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_mask(grid, erode(grid == 5), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(3, 8)), int(rng.integers(3, 8))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None:
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = 5
    return grid
