"""Mark in red the cells that are empty in both the green top half and the blue bottom half."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    half = len(grid) // 2
    return mask_to_grid((grid[:half] == 0) & (grid[half:] == 0), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    top = (rng.random((4, 4)) < 0.5) * 3
    bottom = (rng.random((4, 4)) < 0.5) * 1
    return np.vstack([top, bottom])
