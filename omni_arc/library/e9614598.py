"""Draw a green plus halfway between the two blue cells."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r1, c1), (r2, c2) = cells_of(grid, 1)
    plus = np.array([[0, 3, 0], [3, 3, 3], [0, 3, 0]])
    return paste(grid, plus, (r1 + r2) // 2 - 1, (c1 + c2) // 2 - 1, transparent=0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(6, 13)), int(rng.integers(6, 13))
    grid = np.zeros((height, width), dtype=int)
    if rng.random() < 0.5:
        gap = 2 * int(rng.integers(2, (width - 1) // 2 + 1))
        r, c = int(rng.integers(1, height - 1)), int(rng.integers(0, width - gap))
        grid[r, c] = grid[r, c + gap] = 1
    else:
        gap = 2 * int(rng.integers(2, (height - 1) // 2 + 1))
        r, c = int(rng.integers(0, height - gap)), int(rng.integers(1, width - 1))
        grid[r, c] = grid[r + gap, c] = 1
    return grid
