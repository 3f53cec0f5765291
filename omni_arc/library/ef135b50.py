"""Bridge each two red blocks that face each other across empty space along their shared rows with maroon."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for a in find_objects(grid):
        for b in find_objects(grid):
            band = slice(max(a.top, b.top), min(a.bottom, b.bottom)), slice(a.right, b.left)
            if not grid[band].any():
                out[band] = 9
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(4, 9))):
        h, w = int(rng.integers(1, 6)), int(rng.integers(2, 5))
        r, c = int(rng.integers(0, 11 - h)), int(rng.integers(0, 11 - w))
        if not grid[max(r - 1, 0):r + h + 1, max(c - 1, 0):c + w + 1].any():
            grid[r:r + h, c:c + w] = 2
    return grid
