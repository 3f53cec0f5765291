"""Stack the grid on top of its upside-down copy."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return concat_vertical(grid, flip_top_bottom(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(1, 10, size=(3, 3))
