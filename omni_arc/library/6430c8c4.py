"""Mark green the cells that are empty in both halves above and below the yellow line."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    top, bottom = split_by_lines(grid, 4)
    return mask_to_grid((top == 0) & (bottom == 0), 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    top = np.where(rng.random((4, 4)) < 0.55, 7, 0)
    bottom = np.where(rng.random((4, 4)) < 0.45, 2, 0)
    return concat_vertical(top, new_grid(1, 4, 4), bottom)
