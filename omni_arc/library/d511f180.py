"""Swap grey and light blue; every other colour stays."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return swap_colors(grid, 5, 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 6))
    grid = rng.choice([1, 2, 3, 4, 6, 7, 9, 5, 5, 5, 8, 8, 8], size=(n, n))
    grid.flat[rng.choice(n * n, size=2, replace=False)] = [5, 8]
    return grid
