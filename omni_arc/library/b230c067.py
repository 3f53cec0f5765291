"""Paint the two matching shapes blue and the odd shape out red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, diagonal=True)
    return draw_object(recolor(grid, 1), odd_one_out(objects, shape_key), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    h, w = int(rng.integers(2, 4)), int(rng.integers(3, 5))
    twin = _gen.shape(rng, h, w, fill=0.7)
    odd = _gen.shape(rng, h, w, fill=0.7)
    if np.array_equal(twin, odd):
        return None
    for mask in (twin, twin, odd):
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is None:
            return None
        grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w][mask] = 8
    return grid
