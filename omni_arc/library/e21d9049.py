"""Repeat the colour sequence of each arm of the cross along its whole row and column."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    r = int(np.argmax((grid > 0).sum(axis=1)))
    c = int(np.argmax((grid > 0).sum(axis=0)))
    cols, rows = np.nonzero(grid[r])[0], np.nonzero(grid[:, c])[0]
    out[r] = grid[r, cols[0] + (np.arange(grid.shape[1]) - cols[0]) % len(cols)]
    out[:, c] = grid[rows[0] + (np.arange(grid.shape[0]) - rows[0]) % len(rows), c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(10, 21)), int(rng.integers(10, 21))
    n = int(rng.integers(3, 5))
    palette = _gen.colors(rng, n)
    grid = np.zeros((height, width), dtype=int)
    r, c = int(rng.integers(n, height - n)), int(rng.integers(n, width - n))
    i, j = int(rng.integers(n)), int(rng.integers(n))
    step = int(rng.choice([1, -1]))
    grid[r, c - j:c - j + n] = [palette[(k - j) % n] for k in range(n)]
    grid[r - i:r - i + n, c] = [palette[step * (k - i) % n] for k in range(n)]
    return grid
