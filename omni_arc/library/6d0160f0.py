"""Copy the cell holding the yellow dot to the cell the dot points at; empty every other cell."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cells = split_by_lines(grid, 5, flat=False)
    source = [cell for row in cells for cell in row if 4 in cell][0]
    (r, c), = cells_of(source, 4)
    out = [[new_grid(*cell.shape) for cell in row] for row in cells]
    out[r][c] = replace_color(source, 5, 0)
    return join_by_lines(out, 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.full((11, 11), 5)
    for i in range(3):
        for j in range(3):
            grid[4 * i:4 * i + 3, 4 * j:4 * j + 3] = _gen_cell(rng)
    i, j, r, c = rng.integers(0, 3, size=4)
    grid[4 * i + r, 4 * j + c] = 4
    return grid


def _gen_cell(rng: np.random.Generator) -> np.ndarray:
    palette = [1, 2, 3, 5, 6, 7, 8, 9]
    return np.where(rng.random((3, 3)) < 0.4, rng.choice(palette, size=(3, 3)), 0)
