"""Line up all the coloured cells in one row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = unique_colors(grid, exclude=0)[0]
    return new_grid(1, count_color(grid, color), color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = _gen.scatter(rng, 3, 3, [_gen.color(rng)], float(rng.uniform(0.1, 0.6)))
    grid[int(rng.integers(3)), int(rng.integers(3))] = grid.max() or _gen.color(rng)
    return grid
