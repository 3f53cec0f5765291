"""Crop the square and swap its two colours."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    square = crop_to_content(grid)
    a, b = unique_colors(square)
    return swap_colors(square, a, b)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(10, 15)), int(rng.integers(10, 15))
    n = int(rng.integers(3, 7))
    k = n - 2 * int(rng.integers(1, (n - 1) // 2 + 1))
    outer, inner = _gen.colors(rng, 2)
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - n + 1)), int(rng.integers(0, W - n + 1))
    grid[r:r + n, c:c + n] = outer
    lo = (n - k) // 2
    grid[r + lo:r + lo + k, c + lo:c + lo + k] = inner
    return grid
