"""Fill the grid with its most common colour."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return new_grid(*grid.shape, most_common_color(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = rng.integers(0, 10, size=(3, 3))
        counts = sorted(np.bincount(grid.ravel()), reverse=True)
        if counts[0] > counts[1]:
            return grid
