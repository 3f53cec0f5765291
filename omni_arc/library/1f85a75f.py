"""Crop the one big shape out of the scattered noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return largest(find_objects(grid)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        noise = _gen.colors(rng, 2)
        grid = _gen.scatter(rng, 30, 30, noise, density=0.08)
        h, w = int(rng.integers(3, 6)), int(rng.integers(3, 5))
        r, c = int(rng.integers(1, 30 - h)), int(rng.integers(1, 30 - w))
        grid[r - 1:r + h + 1, c - 1:c + w + 1] = 0
        grid[r:r + h, c:c + w][_gen.shape(rng, h, w, fill=0.7)] = _gen.color(rng, exclude=[0] + noise)
        sizes = sorted(o.size for o in find_objects(grid))
        if sizes[-1] > sizes[-2]:  # the shape is the one largest object
            return grid
