"""Mark in red the cells that are empty in both halves."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    top, bottom = split_into(grid, 2, 1)
    return mask_to_grid((top == 0) & (bottom == 0), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    top = (rng.random((3, 3)) < 0.55) * 9
    bottom = (rng.random((3, 3)) < 0.45) * 1
    return concat_vertical(top, bottom)
