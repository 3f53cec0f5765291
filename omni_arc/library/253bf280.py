"""Join each two light-blue cells in the same row or column with a green line."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return connect(grid, 8, 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(6, 14)), int(rng.integers(6, 14))
    grid = np.zeros((h, w), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        r, c = int(rng.integers(h)), int(rng.integers(w))
        grid[r, c] = 8
        if rng.random() < 0.5:
            grid[r, int(rng.integers(w))] = 8
        else:
            grid[int(rng.integers(h)), c] = 8
    return grid
