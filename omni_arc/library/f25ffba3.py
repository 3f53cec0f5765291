"""Mirror the bottom half into the top half."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bottom = grid[grid.shape[0] // 2:]
    return concat_vertical(flip_top_bottom(bottom), bottom)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 4), dtype=int)
    for c, color in enumerate(_gen.colors(rng, 4)):
        if rng.random() < 0.85:
            grid[10 - int(rng.integers(1, 6)):, c] = color
    grid[9, int(rng.integers(4))] = grid[9].max() or _gen.color(rng)
    return grid
