"""Crop the largest shape."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return largest(find_objects(grid)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((int(rng.integers(5, 10)), int(rng.integers(9, 14))), dtype=int)
    sizes = []
    for color in _gen.colors(rng, int(rng.integers(2, 5))):
        h, w = int(rng.integers(2, 5)), int(rng.integers(2, 4))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None:
            mask = _gen.shape(rng, h, w, fill=float(rng.uniform(0.5, 0.9)))
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w][mask] = color
            sizes.append(int(mask.sum()))
    if len(sizes) < 2 or sorted(sizes)[-1] == sorted(sizes)[-2]:
        return None
    return grid
