"""Crop the blue rectangle that holds the most red cells."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return max_by(find_objects(grid, by_color=False), lambda obj: count_color(obj.crop(), 2)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((20, 20), dtype=int)
    counts = rng.permutation(np.arange(1, 9))[:int(rng.integers(3, 5))]
    for count in counts:
        h, w = int(rng.integers(5, 11)), int(rng.integers(5, 11))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is None:
            continue
        block = np.ones(h * w, dtype=int)
        block[rng.permutation(h * w)[:count]] = 2
        grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = block.reshape(h, w)
    return grid
