"""Grow the orange bar into a stepped pyramid hanging from the top: columns shorten by one per step and alternate orange and light blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    column = cells_of(grid, 7)[0][1]
    length = count_color(grid, 7)
    out = grid.copy()
    for c in range(grid.shape[1]):
        d = abs(c - column)
        out[:max(length - d, 0), c] = 7 if d % 2 == 0 else 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(5, 12)), int(rng.integers(5, 12))
    grid = np.zeros((height, width), dtype=int)
    grid[:int(rng.integers(2, height)), int(rng.integers(width))] = 7
    return grid
