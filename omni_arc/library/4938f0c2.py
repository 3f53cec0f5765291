"""Mirror the red shape into all four corners around the green 2x2 block."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return mirror_around(grid, bbox(grid == 3))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    H, W = int(rng.integers(2 * h + 4, 21)), int(rng.integers(2 * w + 4, 31))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(h + 1, H - h - 2)), int(rng.integers(w + 1, W - w - 2))
    grid[r:r + 2, c:c + 2] = 3
    mask = _gen.shape(rng, h, w)
    mask[-1, -1] = True
    grid[r - h:r, c - w:c][mask] = 2
    return grid[::rng.choice([-1, 1]), ::rng.choice([-1, 1])].copy()
