"""Tile the grid 2x2, then paint light blue every black cell diagonally next to a coloured cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    big = tile(grid, 2, 2)
    return fill_mask(big, neighbors(big != 0, diagonal="only") & (big == 0), 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 7)), int(rng.integers(3, 7))
    grid = np.zeros((h, w), dtype=int)
    color = _gen.color(rng, exclude=(0, 8))
    for _ in range(int(rng.integers(1, 4))):
        grid[int(rng.integers(h)), int(rng.integers(w))] = color
    return grid
