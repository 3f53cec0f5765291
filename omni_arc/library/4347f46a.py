"""Hollow out every solid rectangle, keeping only its outline."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_mask(grid, erode(grid != 0), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(8, 19)), int(rng.integers(7, 17))
    grid = np.zeros((h, w), dtype=int)
    for color in _gen.colors(rng, int(rng.integers(1, 5))):
        rh, rw = int(rng.integers(3, 7)), int(rng.integers(3, 8))
        spot = _gen.free_spot(rng, grid != 0, rh, rw)
        if spot is not None:
            grid[spot[0]:spot[0] + rh, spot[1]:spot[1] + rw] = color
    return grid
