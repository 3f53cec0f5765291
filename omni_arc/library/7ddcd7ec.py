"""Extend each corner cell of the 2x2 block diagonally out to the edge."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = grid != 0
    tails = shape & (neighbor_count(shape, diagonal=False) == 0)
    block = bbox(shape & ~tails)
    out = grid.copy()
    for r, c in cells_of(tails):
        out = draw_ray(out, (r, c), (1 if r >= block.bottom else -1, 1 if c >= block.right else -1), grid[r, c])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    color = _gen.color(rng)
    r, c = rng.integers(1, 8, size=2)
    grid[r:r + 2, c:c + 2] = color
    corners = [(r - 1, c - 1), (r - 1, c + 2), (r + 2, c - 1), (r + 2, c + 2)]
    for k in rng.choice(4, size=int(rng.integers(1, 5)), replace=False):
        grid[corners[k]] = color
    return grid
