"""Crop the shape that has the grey marker on top of it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, diagonal=True)
    marker = select_by_color(objects, 5)[0]
    return [obj for obj in objects if obj is not marker and touches(obj, marker)][0].crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    color = _gen.color(rng, exclude=(0, 5))
    grid = np.zeros((10, 10), dtype=int)
    n = int(rng.integers(2, 4))
    while True:
        grid[:] = 0
        placed = 0
        for k in range(n):
            spot = _gen.free_spot(rng, grid > 0, 4, 3)
            if spot is None:
                break
            r, c = spot
            mask = _gen.shape(rng, 3, 3, fill=0.6)
            grid[r + 1:r + 4, c:c + 3][mask] = color
            if k == 0:
                grid[r, c + int(rng.choice(np.flatnonzero(mask[0])))] = 5
            placed += 1
        if placed == n:
            return grid
