"""Colour each quarter of the light-blue pattern with the corner colour nearest to it."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    inner = grid[2:-2, 2:-2]
    corners = np.array([[grid[0, 0], grid[0, -1]], [grid[-1, 0], grid[-1, -1]]])
    return np.where(inner != 0, scale_up(corners, len(inner) // 2), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = 2 * int(rng.integers(1, 4))
    grid = np.zeros((n + 4, n + 4), dtype=int)
    grid[[1, -2], :] = grid[:, [1, -2]] = 1
    grid[[0, 0, -1, -1], [0, -1, 0, -1]] = rng.choice([2, 3, 4, 5, 6, 7, 9], size=4)
    grid[2:-2, 2:-2] = np.where(rng.random((n, n)) < 0.5, 8, 0)
    return grid
