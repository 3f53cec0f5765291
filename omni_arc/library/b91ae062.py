"""Scale the grid up by the number of colours it has."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return scale_up(grid, count_colors(grid, exclude=0))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    palette = _gen.colors(rng, int(rng.integers(2, 5)))
    grid = np.zeros(9, dtype=int)
    cells = rng.permutation(9)[:int(rng.integers(len(palette), 8))]
    grid[cells] = palette + [int(x) for x in rng.choice(palette, size=len(cells) - len(palette))]
    return grid.reshape(3, 3)
