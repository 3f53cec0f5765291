"""Fill the empty cells of each shape's 3x3 box with orange."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid, diagonal=True):
        box = out[obj.bbox.slices]
        box[box == 0] = 7
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for _ in range(int(rng.integers(2, 4))):
        spot = _gen.free_spot(rng, grid > 0, 3, 3)
        if spot is not None:
            grid[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3][_gen.shape(rng, 3, 3, fill=0.55)] = 4
    return grid
