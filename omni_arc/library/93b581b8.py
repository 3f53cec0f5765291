"""Put a 2x2 block of each colour of the square diagonally across from it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid)
    opposite = rotate(crop(grid, box), 2)
    out = grid.copy()
    for i, dr in enumerate((-2, 2)):
        for j, dc in enumerate((-2, 2)):
            out = paste(out, new_grid(2, 2, opposite[i, j]), box.top + dr, box.left + dc)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((6, 6), dtype=int)
    r, c = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    grid[r:r + 2, c:c + 2] = np.array(_gen.colors(rng, 4)).reshape(2, 2)
    return grid
