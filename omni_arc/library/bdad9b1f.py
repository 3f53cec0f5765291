"""Extend the light-blue line down the grid and the red line across it, yellow where they cross."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    col, row = cells_of(grid, 8)[0][1], cells_of(grid, 2)[0][0]
    out = grid.copy()
    out[:, col] = 8
    out[row, :] = 2
    out[row, col] = 4
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((6, 6), dtype=int)
    r, c = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    grid[:2, c] = 8
    grid[r, :2] = 2
    return dihedral(grid, int(rng.choice([0, 2, 4, 6])))
