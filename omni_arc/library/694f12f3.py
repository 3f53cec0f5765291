"""Fill the inside of the bigger yellow rectangle with red and of the smaller with blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    big = largest(objects)
    out = grid.copy()
    for obj in objects:
        out = fill_mask(out, erode(obj.grid_mask(grid.shape)), 2 if obj is big else 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = np.zeros((10, 10), dtype=int)
        sizes = []
        for _ in range(2):
            h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
            spot = _gen.free_spot(rng, grid > 0, h, w)
            if spot is None:
                break
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = 4
            sizes.append(h * w)
        if len(sizes) == 2 and sizes[0] != sizes[1]:
            return grid
