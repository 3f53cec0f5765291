"""Mirror the grid along its grey main diagonal."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return transpose(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 8))
    grid = np.where(rng.random((n, n)) < 0.4, rng.choice([1, 2, 3, 4, 6, 8], size=(n, n)), 0)
    grid = np.tril(grid, -1)
    np.fill_diagonal(grid, 5)
    return grid
