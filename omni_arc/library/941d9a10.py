"""Between the grey lines, colour the first cell blue, the middle one red and the last one green."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cells = components(grid == 0)
    out = grid.copy()
    for mask, color in zip([cells[0], cells[len(cells) // 2], cells[-1]], [1, 2, 3]):
        out[mask] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for axis in (0, 1):
        while True:
            lines = np.sort(rng.choice(np.arange(1, 9), size=int(rng.choice([2, 4])), replace=False))
            if (np.diff(lines) > 1).all():
                break
        if axis == 0:
            grid[lines, :] = 5
        else:
            grid[:, lines] = 5
    return grid
