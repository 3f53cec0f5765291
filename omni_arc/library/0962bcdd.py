"""Grow each small cross: its arms extend to length two and its centre colour extends along both diagonals."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid, by_color=False):
        r, c = int(obj.center[0]), int(obj.center[1])
        center, arm = grid[r, c], grid[r - 1, c]
        out = draw_line(out, (r - 2, c), (r + 2, c), arm)
        out = draw_line(out, (r, c - 2), (r, c + 2), arm)
        out = draw_line(out, (r - 2, c - 2), (r + 2, c + 2), center)
        out = draw_line(out, (r - 2, c + 2), (r + 2, c - 2), center)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 16)), int(rng.integers(10, 16))
    grid = np.zeros((h, w), dtype=int)
    taken = np.zeros((h, w), dtype=bool)
    for _ in range(int(rng.integers(1, 4))):
        spot = _gen.free_spot(rng, taken, 5, 5, margin=1)
        if spot is not None:
            r, c = spot[0] + 2, spot[1] + 2
            taken[r - 2:r + 3, c - 2:c + 3] = True
            center, arm = _gen.colors(rng, 2)
            grid[r - 1:r + 2, c] = grid[r, c - 1:c + 2] = arm
            grid[r, c] = center
    return grid
