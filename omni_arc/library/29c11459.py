"""Two end dots in a row grow toward each other; they meet at a grey cell in the middle."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    mid = grid.shape[1] // 2
    for r in range(grid.shape[0]):
        if grid[r, 0] and grid[r, -1]:
            out[r, :mid] = grid[r, 0]
            out[r, mid + 1:] = grid[r, -1]
            out[r, mid] = 5
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((5, 11), dtype=int)
    for r in rng.choice(5, size=int(rng.integers(1, 3)), replace=False):
        grid[r, 0], grid[r, -1] = _gen.colors(rng, 2, exclude=(0, 5))
    return grid
