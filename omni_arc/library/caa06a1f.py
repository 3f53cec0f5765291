"""Extend the repeating pattern over the whole grid, shifted one column to the left."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    pattern = crop(grid, bbox(grid != grid[-1, -1]))
    unit = pattern[:period(pattern, 0), :period(pattern, 1)]
    height, width = grid.shape
    big = tile(unit, height // unit.shape[0] + 1, width // unit.shape[1] + 2)
    return big[:height, 1:width + 1]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(2, 4))
    fill, *palette = _gen.colors(rng, n + 1)
    size = int(rng.integers(6, 19))
    rows, cols = np.indices((size, size))
    grid = np.array(palette)[(rows + cols) % n]
    grid[int(rng.integers(size // 2 + 1, size)):] = fill
    grid[:, int(rng.integers(size // 2 + 1, size)):] = fill
    return grid
