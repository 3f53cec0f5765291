"""Answer blue (1) when the pattern is left-right symmetric, orange (7) when it is not."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return new_grid(1, 1, 1 if is_symmetric(grid, "flip_left_right") else 7)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = (rng.random((3, 3)) < 0.5).astype(int) * 2
    if rng.random() < 0.5:
        grid[:, 2] = grid[:, 0]
    return grid
