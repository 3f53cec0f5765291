"""Turn every cell that is not of the most common colour grey."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return np.where(grid == most_common_color(grid), grid, 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = rng.choice(rng.choice([1, 2, 3, 4, 6, 7, 8, 9], size=3, replace=False), size=(3, 3))
        counts = sorted(color_counts(grid).values())
        if len(counts) > 1 and counts[-1] > counts[-2]:
            return grid
