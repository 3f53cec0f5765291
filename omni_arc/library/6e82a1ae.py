"""Recolour the grey shapes by size: four cells blue, three red, two green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        out = draw_object(out, obj, {4: 1, 3: 2, 2: 3}[obj.size])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    sizes = [2, 3, 4] + list(rng.integers(2, 5, size=int(rng.integers(1, 5))))
    for size in sizes:
        mask = _gen.polyomino(rng, int(size))
        spot = _gen.free_spot(rng, grid > 0, *mask.shape)
        if spot is not None:
            grid[spot[0]:spot[0] + mask.shape[0], spot[1]:spot[1] + mask.shape[1]][mask] = 5
    return grid
