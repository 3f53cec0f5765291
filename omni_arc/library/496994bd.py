"""Mirror the coloured top rows onto the bottom of the grid."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return overlay(grid, flip_top_bottom(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, int(rng.integers(3, 7))), dtype=int)
    n = int(rng.integers(2, 4))
    grid[:n] = np.array(_gen.colors(rng, 2))[rng.integers(0, 2, size=n)][:, None]
    return grid
