"""Count the blue cells and fill that many red cells along the top row, then the centre."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = new_grid(3, 3)
    for r, c in [(0, 0), (0, 1), (0, 2), (1, 1)][:count_color(grid, 1)]:
        out[r, c] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros(9, dtype=int)
    grid[rng.choice(9, size=int(rng.integers(1, 5)), replace=False)] = 1
    return grid.reshape(3, 3)
