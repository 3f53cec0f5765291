"""Grow a staircase from the red bar: longer green rows above it, shorter blue rows below."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    r = np.flatnonzero((grid == 2).any(axis=1))[0]
    n = count_color(grid, 2)
    out = grid.copy()
    for i in range(r):
        out[i, :n + r - i] = 3
    for i in range(r + 1, min(r + n, len(grid))):
        out[i, :n - (i - r)] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H = int(rng.integers(5, 10))
    r, n = int(rng.integers(1, H - 1)), int(rng.integers(1, 6))
    grid = np.zeros((H, n + r + int(rng.integers(1, 4))), dtype=int)
    grid[r, :n] = 2
    return grid
