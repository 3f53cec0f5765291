"""Inside the ragged frame, every row and column that is empty all the way across becomes green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    inner = grid[1:-1, 1:-1] == 0
    empty = np.zeros_like(inner)
    empty[inner.all(axis=1), :] = True
    empty[:, inner.all(axis=0)] = True
    out = grid.copy()
    out[1:-1, 1:-1][empty] = 3
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 16)), int(rng.integers(10, 16))
    while True:
        sides = rng.choice(_gen.colors(rng, 2), size=4)  # top, right, bottom, left
        grid = np.zeros((h, w), dtype=int)
        for k, color in enumerate(sides):
            g = rotate(grid, k)
            depth = np.minimum(rng.geometric(0.45, size=g.shape[1]), g.shape[0] // 2 - 1)
            for j, d in enumerate(depth):
                g[:d, j] = np.where(g[:d, j] == 0, color, g[:d, j])
            grid = rotate(g, -k)
        inner = grid[1:-1, 1:-1] == 0
        if inner.all(axis=0).any() and inner.all(axis=1).any() and not inner.all():
            return grid
