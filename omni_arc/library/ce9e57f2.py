"""Recolour the lower half (rounded down) of every red bar light blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for bar in find_objects(grid):
        out[bar.bottom - bar.height // 2:bar.bottom, bar.left] = 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(7, 12)), 9
    grid = np.zeros((height, width), dtype=int)
    for col in range(1, width, 2):
        if rng.random() < 0.85:
            grid[int(rng.integers(1, height - 1)):, col] = 2
    grid[1:, 1] = 2
    return grid
