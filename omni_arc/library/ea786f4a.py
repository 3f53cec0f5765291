"""Blacken both diagonals of the square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rows, cols = np.indices(grid.shape)
    return np.where((rows == cols) | (rows + cols == grid.shape[0] - 1), 0, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([3, 5, 7, 9, 11, 13]))
    grid = np.full((size, size), _gen.color(rng))
    grid[size // 2, size // 2] = 0
    return grid
