"""Mirror the grid to the right and then downward."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return mirror_extend(mirror_extend(grid, "right"), "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.choice(_gen.colors(rng, 3), size=(3, 3))
