"""Bounce the corner cell diagonally up the grid between the left and right walls."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    h, w = grid.shape
    out = np.zeros_like(grid)
    for k in range(h):
        c = k % (2 * w - 2)
        out[h - 1 - k, min(c, 2 * w - 2 - c)] = grid[-1, 0]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((int(rng.integers(6, 13)), int(rng.integers(2, 7))), dtype=int)
    grid[-1, 0] = int(rng.integers(1, 10))
    return grid
