"""The red bars rise until they hit the blue shape above them."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return gravity(grid, "up")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(8, 14))
    grid = np.zeros((size, size), dtype=int)
    left = int(rng.integers(0, size - 4))
    right = int(rng.integers(left + 4, size + 1))
    deep = int(rng.integers(3, size // 2 + 1))
    depth = rng.integers(1, deep + 1, size=right - left)
    depth[int(rng.integers(right - left))] = deep
    for j, d in zip(range(left, right), depth):
        grid[:d, j] = 1
    for j in rng.choice(np.nonzero(depth < deep)[0], size=min(3, int((depth < deep).sum())), replace=False):
        length = int(rng.integers(1, size - deep))
        grid[size - length:, left + j] = 2
    return grid
