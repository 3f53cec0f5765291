"""Mirror the grid to the right and then downward."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return mirror_extend(mirror_extend(grid, "right"), "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 4, size=(3, 3))
