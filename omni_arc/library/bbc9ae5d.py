"""Grow the bar one cell longer on each new row, for half as many rows as the grid is wide."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    color, k = grid[0, 0], int((grid[0] != 0).sum())
    out = new_grid(grid.shape[1] // 2, grid.shape[1])
    for i in range(len(out)):
        out[i, :k + i] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    W = 2 * int(rng.integers(2, 7))
    grid = np.zeros((1, W), dtype=int)
    grid[0, :int(rng.integers(1, W // 2 + 2))] = int(rng.integers(1, 10))
    return grid
