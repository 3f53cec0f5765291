"""Reverse the order of the colours of the nested square rings."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rings = [int(grid[i, i]) for i in range(len(grid) // 2)]
    return color_map(grid, dict(zip(rings, rings[::-1])))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(2, 8))
    grid = np.zeros((2 * n, 2 * n), dtype=int)
    for i, color in enumerate(_gen.colors(rng, n)):
        grid[i:2 * n - i, i:2 * n - i] = color
    return grid
