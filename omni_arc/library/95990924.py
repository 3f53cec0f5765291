"""Mark the outside corners of each grey square with blue, red, green and yellow."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        corners = [(obj.top - 1, obj.left - 1), (obj.top - 1, obj.right), (obj.bottom, obj.left - 1), (obj.bottom, obj.right)]
        for color, (r, c) in zip([1, 2, 3, 4], corners):
            out[r, c] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(10, 16))
    grid = np.zeros((size, size), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    for _ in range(int(rng.integers(1, 5))):
        spot = _gen.free_spot(rng, taken, 4, 4, margin=0)
        if spot is not None:
            taken[spot[0]:spot[0] + 4, spot[1]:spot[1] + 4] = True
            grid[spot[0] + 1:spot[0] + 3, spot[1] + 1:spot[1] + 3] = 5
    return grid
