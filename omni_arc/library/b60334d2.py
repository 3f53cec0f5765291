"""Replace each grey dot by a 3x3 ring: grey corners, blue sides, black centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    ring = np.array([[5, 1, 5], [1, 0, 1], [5, 1, 5]])
    out = np.zeros_like(grid)
    for r, c in cells_of(grid, 5):
        out = paste(out, ring, r - 1, c - 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    for _ in range(int(rng.integers(2, 6))):
        spot = _gen.free_spot(rng, taken, 3, 3, margin=0)
        if spot is not None:
            taken[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3] = True
            grid[spot[0] + 1, spot[1] + 1] = 5
    return grid
