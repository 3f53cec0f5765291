"""Outline every pair of touching red cells in green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for pair in select_by_size(find_objects(grid), 2):
        out = fill_mask(out, outline(pair.grid_mask(grid.shape), diagonal=True) & (grid == 0), 3)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(12, 18)), int(rng.integers(12, 18))
    grid = np.zeros((H, W), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    for _ in range(int(rng.integers(8, 16))):
        h, w = (1, 2) if rng.random() < 0.5 else (2, 1)
        if rng.random() < 0.6:
            h, w = 1, 1
        spot = _gen.free_spot(rng, taken, h + 2, w + 2, margin=0)
        if spot is not None:
            taken[spot[0]:spot[0] + h + 2, spot[1]:spot[1] + w + 2] = True
            grid[spot[0] + 1:spot[0] + h + 1, spot[1] + 1:spot[1] + w + 1] = 2
    return grid
