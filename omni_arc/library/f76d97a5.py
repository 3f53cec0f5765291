"""Grey cells take the other colour; the cells of that colour turn black."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = unique_colors(grid, exclude=5)[0]
    return np.where(grid == 5, color, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([3, 5]))
    grid = _gen.scatter(rng, size, size, [5], 0.4, background=_gen.color(rng, exclude=(0, 5)))
    grid[0, 0] = 5
    return grid
