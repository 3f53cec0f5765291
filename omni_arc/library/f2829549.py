"""Mark in green the cells that are empty in both halves."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    left, right = split_by_lines(grid, 1)
    return mask_to_grid((left == 0) & (right == 0), 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    left = (rng.random((4, 3)) < 0.45) * 7
    right = (rng.random((4, 3)) < 0.45) * 5
    return concat_horizontal(left, np.ones((4, 1), dtype=int), right)
