"""Colour the grey bars by height: tallest blue, then red, green and yellow."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for rank, bar in enumerate(sort_by(find_objects(grid), "size", reverse=True)):
        out = draw_object(out, bar, rank + 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for col, height in zip((1, 3, 5, 7), rng.choice(np.arange(1, 10), size=4, replace=False)):
        grid[9 - height:, col] = 5
    return grid
