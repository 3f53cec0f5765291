"""Move the green cell one step toward the yellow one."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    green, yellow = object_from_mask(grid, grid == 3), object_from_mask(grid, grid == 4)
    return move(grid, green, *direction_to(green, yellow))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(3, 12)), int(rng.integers(3, 12))
    grid = np.zeros((height, width), dtype=int)
    while True:
        (r3, r4), (c3, c4) = rng.integers(height, size=2), rng.integers(width, size=2)
        if max(abs(r3 - r4), abs(c3 - c4)) >= 2:
            break
    grid[r3, c3], grid[r4, c4] = 3, 4
    return grid
