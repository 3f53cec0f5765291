"""Slide the red shape toward the light-blue square until they touch."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    red = object_from_mask(grid, grid == 2)
    square = object_from_mask(grid, grid == 8)
    return slide(grid, red, direction_to(red, square))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(9, 15)), int(rng.integers(8, 13))
    grid = np.zeros((h, w), dtype=int)
    red = _gen.polyomino(rng, int(rng.integers(3, 8)))[:4, :4]
    while len(components(red)) > 1:
        red = _gen.polyomino(rng, int(rng.integers(3, 8)))[:4, :4]
    rh, rw = red.shape
    top, left = int(rng.integers(0, h - rh - 4)), int(rng.integers(0, w - rw + 1))
    grid[top:top + rh, left:left + rw][red] = 2
    r = int(rng.integers(top + rh + 1, h - 1))
    c = int(rng.integers(max(left - 1, 0), min(left + rw, w - 1)))
    grid[r:r + 2, c:c + 2] = 8
    return dihedral(grid, int(rng.integers(8)))
