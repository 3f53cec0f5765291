"""Fill each cell between the grey lines with its centre colour plus five."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cells = split_by_lines(grid, 5, flat=False)
    return join_by_lines([[new_grid(*cell.shape, cell.max() + 5) for cell in row] for row in cells], 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    rows = int(rng.integers(1, 3))
    grid = np.full((4 * rows - 1, 11), 5)
    for i in range(rows):
        for j in range(3):
            grid[4 * i:4 * i + 3, 4 * j:4 * j + 3] = 0
            grid[4 * i + 1, 4 * j + 1] = int(rng.integers(1, 5))
    return grid
