"""Count the blue 2x2 squares and show the count as a row of blue cells out of five."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = len([o for o in find_objects(grid) if o.color == 1 and o.size == 4])
    return np.array([[1] * n + [0] * (5 - n)])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    pieces = [(1, 2)] * int(rng.integers(1, 5)) + [(2, 2)] * int(rng.integers(1, 4)) + [(1, 1)] * int(rng.integers(0, 3))
    for color, size in pieces:
        spot = _gen.free_spot(rng, grid != 0, size, size)
        if spot is not None:
            grid[spot[0]:spot[0] + size, spot[1]:spot[1] + size] = color
    return grid
