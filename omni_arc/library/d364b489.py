"""Decorate each blue cell: red above, orange left, magenta right, light blue below."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    stamp = np.array([[0, 2, 0], [7, 1, 6], [0, 8, 0]])
    out = grid.copy()
    for r, c in cells_of(grid, 1):
        out = paste(out, stamp, r - 1, c - 1, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    taken = np.zeros((10, 10), dtype=bool)
    for _ in range(int(rng.integers(3, 8))):
        spot = _gen.free_spot(rng, taken, 1, 1, margin=2)
        if spot:
            grid[spot] = 1
            taken[spot] = True
    return grid
