"""List, left to right, the colours of the largest shapes, as columns as tall as their size."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    n = max(obj.size for obj in objects)
    biggest = sort_by(select_by_size(objects, n), "left")
    return np.tile([obj.color for obj in biggest], (n, 1))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    palette = _gen.colors(rng, 4)
    for color in palette[:int(rng.integers(2, 5))]:
        h, w = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None:
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w][_gen.shape(rng, h, w)] = color
    return grid if grid.any() else None
