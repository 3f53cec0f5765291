"""Where the two bands cross, show the colour of the band that was underneath."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cross = np.outer((grid != 0).all(axis=1), (grid != 0).all(axis=0))
    a, b = unique_colors(grid, exclude=0)
    return fill_mask(grid, cross, a if grid[cross][0] == b else b)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(6, 14)), int(rng.integers(6, 14))
    h, w = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    r, c = int(rng.integers(1, H - h)), int(rng.integers(1, W - w))
    a, b = (int(x) for x in rng.choice(np.arange(1, 10), size=2, replace=False))
    grid = np.zeros((H, W), dtype=int)
    grid[:, c:c + w] = a
    grid[r:r + h, :] = b
    if rng.random() < 0.5:
        grid[:, c:c + w] = a
    return grid
