"""Each red cell on the floor grows a line upward; a grey cell in the way makes it step one column right."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for col in np.nonzero(grid[-1] == 2)[0]:
        for r in range(grid.shape[0] - 1, -1, -1):
            if grid[r, col] == 5:
                col += 1
                out[r + 1, col] = 2
            out[r, col] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    cols = sorted(rng.choice(np.arange(1, 9), size=3, replace=False))
    while min(np.diff(cols)) < 3:
        cols = sorted(rng.choice(np.arange(1, 9), size=3, replace=False))
    for col in cols:
        grid[9, col] = 2
        if rng.random() < 0.6:
            grid[int(rng.integers(1, 8)), col] = 5
    return grid
