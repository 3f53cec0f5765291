"""Red dots become full columns; blue and green dots become full rows drawn over the columns."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = np.zeros_like(grid)
    for r, c in cells_of(grid, 2):
        out[:, c] = 2
    for r, c in cells_of((grid == 1) | (grid == 3)):
        out[r, :] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(8, 14)), int(rng.integers(8, 14))
    grid = np.zeros((h, w), dtype=int)
    rows = rng.choice(h, size=int(rng.integers(1, 4)), replace=False)
    cols = rng.choice(w, size=int(rng.integers(1, 3)), replace=False)
    for r in rows:
        grid[r, int(rng.integers(w))] = rng.choice([1, 3])
    for c in cols:
        free = [r for r in range(h) if r not in rows]
        grid[int(rng.choice(free)), c] = 2
    return grid
