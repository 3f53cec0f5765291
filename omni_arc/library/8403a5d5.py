"""From the bottom dot rightward, draw every other column in its colour, joined by grey caps alternating top and bottom."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r, c), = cells_of(grid != 0)
    out = new_grid(*grid.shape)
    out[:, c::2] = grid[r, c]
    for k, col in enumerate(range(c + 1, grid.shape[1], 2)):
        out[0 if k % 2 == 0 else -1, col] = 5
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    grid[9, int(rng.integers(0, 9))] = int(rng.choice([1, 2, 3, 4, 6, 7, 8, 9]))
    return grid
