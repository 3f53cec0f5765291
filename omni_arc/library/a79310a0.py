"""Move the light-blue shape down one row and paint it red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return recolor(shift(grid, 1, 0), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(3, 8))
    h, w = int(rng.integers(1, min(4, size))), int(rng.integers(1, min(4, size) + 1))
    grid = np.zeros((size, size), dtype=int)
    r, c = int(rng.integers(0, size - h)), int(rng.integers(0, size - w + 1))
    grid[r:r + h, c:c + w][_gen.shape(rng, h, w)] = 8
    return grid
