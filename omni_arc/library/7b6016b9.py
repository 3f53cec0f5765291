"""Paint the areas enclosed by the lines red and the open background green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return replace_color(fill_enclosed(grid, 2), 0, 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(18, 26)), int(rng.integers(18, 26))
    color = _gen.color(rng, exclude=(0, 2, 3))
    grid = np.zeros((H, W), dtype=int)
    n = int(rng.integers(2, 5))
    cols = rng.choice(np.arange(1, W - 1, 2), size=n, replace=False)
    rows = rng.choice(np.arange(1, H - 1, 2), size=n, replace=False)
    for c, r in zip(cols, rows):
        grid[int(rng.integers(0, H // 3)):int(rng.integers(2 * H // 3, H + 1)), c] = color
        grid[r, int(rng.integers(0, W // 3)):int(rng.integers(2 * W // 3, W + 1))] = color
    return grid
