"""Crop the 3x3 patch with the most blue cells."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return max_by(find_objects(grid, by_color=False), lambda obj: count_color(obj.crop(), 1)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for ones in rng.permutation(np.arange(1, 7))[:4]:
        spot = _gen.free_spot(rng, grid != 0, 3, 3)
        if spot is None:
            continue
        patch = np.full(9, 8)
        patch[rng.permutation(9)[:ones]] = 1
        grid[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3] = patch.reshape(3, 3)
    return grid
