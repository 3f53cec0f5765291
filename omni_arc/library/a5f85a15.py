"""Turn every second cell of each diagonal line yellow."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for line in find_objects(grid, diagonal=True):
        for r, c in line.cells[1::2]:
            out[r, c] = 4
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(3, 13))
    grid = np.zeros((size, size), dtype=int)
    color = int(rng.choice([1, 2, 3, 5, 6, 7, 8, 9]))
    start = int(rng.integers(-size + 2, 1))
    for offset in range(start, size - 1, int(rng.integers(3, 6))):
        for r in range(size):
            if 0 <= r + offset < size:
                grid[r, r + offset] = color
    return grid
