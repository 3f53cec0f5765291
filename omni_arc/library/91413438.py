"""Lay as many copies of the pattern as it has cells along the rows of a grid as many patterns wide as it has blanks."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    n = int((grid != 0).sum())
    m = 9 - n
    out = new_grid(3 * m, 3 * m)
    for i in range(n):
        out = paste(out, grid, 3 * (i // m), 3 * (i % m))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros(9, dtype=int)
    grid[rng.permutation(9)[:int(rng.integers(1, 9))]] = int(rng.integers(1, 10))
    return grid.reshape(3, 3)
