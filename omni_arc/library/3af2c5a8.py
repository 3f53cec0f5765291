"""Mirror the grid to the right, then mirror the result downward."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return mirror_extend(mirror_extend(grid, "right"), "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.scatter(rng, 3, 4, [_gen.color(rng)], density=0.5)
