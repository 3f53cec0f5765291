"""Move the whole picture down by one row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return shift(grid, 1, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 3), dtype=int)
    grid[:2] = _gen.scatter(rng, 2, 3, [_gen.color(rng)], density=0.5)
    grid[int(rng.integers(2)), int(rng.integers(3))] = grid.max() or 1
    return grid
