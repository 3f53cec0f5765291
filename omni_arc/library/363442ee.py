"""Stamp the 3x3 pattern from the top-left corner centred on every blue marker."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    pattern = grid[:3, :3]
    out = grid.copy()
    for r, c in cells_of(grid, 1):
        out = paste(out, pattern, r - 1, c - 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 13), dtype=int)
    grid[:3, :3] = rng.choice(_gen.colors(rng, 3, exclude=(0, 1, 5)), size=(3, 3))
    grid[:, 3] = 5
    for cell in rng.choice(9, size=int(rng.integers(2, 6)), replace=False):
        grid[1 + 3 * (cell // 3), 5 + 3 * (cell % 3)] = 1
    return grid
