"""Each dot on the edge copies itself onto the nearest cell of the light-blue block in its row or column."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    block = largest(objects)
    out = grid.copy()
    for dot in objects:
        if dot is not block:
            r = min(max(dot.top, block.top), block.bottom - 1)
            c = min(max(dot.left, block.left), block.right - 1)
            out[r, c] = dot.color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    h, w = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    top, left = int(rng.integers(2, 8 - h + 1)), int(rng.integers(2, 8 - w + 1))
    grid[top:top + h, left:left + w] = 8
    for _ in range(int(rng.integers(2, 6))):
        color = _gen.color(rng, exclude=(0, 8))
        side = int(rng.integers(4))
        if side < 2:  # top or bottom edge, above/below the block
            grid[0 if side == 0 else 9, int(rng.integers(left, left + w))] = color
        else:
            grid[int(rng.integers(top, top + h)), 0 if side == 2 else 9] = color
    return grid
