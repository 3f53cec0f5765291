"""Join the light-blue cell to the red one with a yellow path: first along the column, then along the row."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r8, c8), (r2, c2) = cells_of(grid, 8)[0], cells_of(grid, 2)[0]
    out = draw_line(grid, (r8, c8), (r2, c8), 4)
    out = draw_line(out, (r2, c8), (r2, c2), 4)
    return overlay(out, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(6, 14)), int(rng.integers(6, 14))
    grid = np.zeros((height, width), dtype=int)
    while True:
        (r8, r2), (c8, c2) = rng.integers(height, size=2), rng.integers(width, size=2)
        if abs(r8 - r2) > 1 and abs(c8 - c2) > 1:
            break
    grid[r8, c8], grid[r2, c2] = 8, 2
    return grid
