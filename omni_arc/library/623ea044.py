"""Draw both diagonals through the single dot, out to the edges."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r, c), = cells_of(grid != 0)
    out = grid.copy()
    for direction in ("up_left", "up_right", "down_left", "down_right"):
        out = draw_ray(out, (r, c), direction, grid[r, c])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(5, 18))
    grid = np.zeros((n, n), dtype=int)
    grid[int(rng.integers(n)), int(rng.integers(n))] = int(rng.integers(1, 10))
    return grid
