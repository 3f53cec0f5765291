"""Draw a grey staircase from the light-blue cell: up two and right two, and mirrored, down two and left two."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    r, c = cells_of(grid, 8)[0]
    for k in range(max(grid.shape)):
        for dr, dc in [(1, 0), (2, 0), (2, -1), (2, -2)]:
            for s in (1, -1):
                rr, cc = r + s * (2 * k + dr), c + s * (dc - 2 * k)
                if in_grid(grid, rr, cc):
                    out[rr, cc] = 5
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((13, 13), dtype=int)
    grid[int(rng.integers(2, 11)), int(rng.integers(2, 11))] = 8
    return grid
