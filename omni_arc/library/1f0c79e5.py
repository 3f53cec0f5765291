"""The 2x2 block shoots a trail of copies diagonally toward each of its red corners."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    block = find_objects(grid, by_color=False)[0]
    color = [c for c in block.colors if c != 2][0]
    out = grid.copy()
    for r, c in cells_of(grid, 2):
        dr = -1 if r == block.top else 1
        dc = -1 if c == block.left else 1
        for k in range(max(grid.shape)):
            top, left = block.top + k * dr, block.left + k * dc
            out = fill_rect(out, (top, left, top + 2, left + 2), color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(8, 13))
    grid = np.zeros((size, size), dtype=int)
    r, c = int(rng.integers(1, size - 2)), int(rng.integers(1, size - 2))
    block = np.full(4, _gen.color(rng, exclude=(0, 2)))
    block[rng.choice(4, size=int(rng.integers(1, 4)), replace=False)] = 2
    grid[r:r + 2, c:c + 2] = block.reshape(2, 2)
    return grid
