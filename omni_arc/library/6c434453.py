"""Replace every blue 3x3 ring with a red plus."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    plus = np.array([[0, 2, 0], [2, 2, 2], [0, 2, 0]])
    out = grid.copy()
    for obj in find_objects(grid):
        if obj.shape == (3, 3) and obj.size == 8:
            out = paste(erase(out, obj), plus, obj.top, obj.left, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    ring = np.ones((3, 3), dtype=bool)
    ring[1, 1] = False
    masks = [ring] * int(rng.integers(1, 4))
    masks += [_gen.shape(rng, int(rng.integers(1, 4)), int(rng.integers(1, 4))) for _ in range(int(rng.integers(1, 4)))]
    for mask in masks:
        spot = _gen.free_spot(rng, grid > 0, *mask.shape)
        if spot is not None:
            grid[spot[0]:spot[0] + mask.shape[0], spot[1]:spot[1] + mask.shape[1]][mask] = 1
    return grid
