"""Mirror the grid top to bottom."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return flip_top_bottom(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 8))
    return rng.integers(1, 9, size=(n, n))
