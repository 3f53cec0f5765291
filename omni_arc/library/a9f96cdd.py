"""The red cell vanishes and its four diagonal neighbours become green (up-left), magenta (up-right), light blue (down-left) and orange (down-right)."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r, c), = cells_of(grid, 2)
    return paste(np.zeros_like(grid), np.array([[3, 0, 6], [0, 0, 0], [8, 0, 7]]), r - 1, c - 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 5), dtype=int)
    grid[int(rng.integers(3)), int(rng.integers(5))] = 2
    return grid
