"""Crop the one shape that is left-right symmetric."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return [obj.crop() for obj in find_objects(grid, diagonal=True) if is_symmetric(obj.crop())][0]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    palette = _gen.colors(rng, 3)
    for k, color in enumerate(palette):
        while True:
            h, w = int(rng.integers(2, 4)), int(rng.integers(2, 5))
            mask = _gen.shape(rng, h, w, fill=0.6)
            if k == 0:
                mask = mask | mask[:, ::-1]
            if is_symmetric(mask.astype(int)) == (k == 0):
                break
        spot = _gen.free_spot(rng, grid > 0, h, w)
        if spot is None:
            return None
        grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w][mask] = color
    return grid
