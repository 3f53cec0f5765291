"""Restyle each grey rectangle: blue corners, yellow edges, red inside."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    mask = grid == 5
    n = neighbor_count(mask, diagonal=False)
    out = fill_mask(grid, mask, 2)
    out = fill_mask(out, mask & (n == 3), 4)
    return fill_mask(out, mask & (n == 2), 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None:
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = 5
    return grid
