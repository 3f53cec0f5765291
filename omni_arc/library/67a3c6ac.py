"""Mirror the grid left to right."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return flip_left_right(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 8))
    return rng.choice([1, 2, 6, 7], size=(n, n))
