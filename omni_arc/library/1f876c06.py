"""Join each two same-coloured dots on a diagonal with a line of their colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for color in unique_colors(grid, exclude=0):
        out = connect(out, color, diagonal="only")
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(8, 14))
    grid = np.zeros((size, size), dtype=int)
    used = np.zeros((size, size), dtype=bool)
    for color in _gen.colors(rng, int(rng.integers(2, 5))):
        for _ in range(50):
            length = int(rng.integers(3, size + 1))
            r, c = int(rng.integers(0, size - length + 1)), int(rng.integers(0, size - length + 1))
            rows, cols = np.arange(r, r + length), np.arange(c, c + length)
            if rng.random() < 0.5:
                cols = cols[::-1]
            if not used[rows, cols].any():
                used[rows, cols] = True
                grid[rows[[0, -1]], cols[[0, -1]]] = color
                break
    return grid
