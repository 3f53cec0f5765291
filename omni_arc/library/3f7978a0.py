"""Two grey columns capped with light blue mark a rectangle: crop it out of the noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 5)
    return crop(grid, (box.top - 1, box.left, box.bottom + 1, box.right))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(9, 14)), int(rng.integers(9, 14))
    grid = _gen.scatter(rng, h, w, [8], density=0.15)
    rh, rw = int(rng.integers(3, h - 1)), int(rng.integers(3, w))
    top, left = int(rng.integers(0, h - rh - 1)), int(rng.integers(0, w - rw + 1))
    for c in (left, left + rw - 1):
        grid[top, c] = grid[top + rh + 1, c] = 8
        grid[top + 1:top + rh + 1, c] = 5
    return grid
