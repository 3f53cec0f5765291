"""Each light-blue L of three cells gets a blue cell in the missing corner of its 2x2 square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for corner in find_objects(grid):
        out[corner.bbox.slices][~corner.mask] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((7, 7), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        spot = _gen.free_spot(rng, grid != 0, 2, 2)
        if spot is not None:
            piece = np.full((2, 2), 8)
            piece[int(rng.integers(2)), int(rng.integers(2))] = 0
            grid = paste(grid, piece, spot[0], spot[1])
    return grid
