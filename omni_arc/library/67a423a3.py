"""Draw a yellow square ring around the crossing of the two lines."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r,), (c,) = full_lines(grid), full_lines(grid, axis=1)
    return draw_rect(grid, (r - 1, c - 1, r + 2, c + 2), 4)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(4, 13))
    across, down = _gen.colors(rng, 2, exclude=(0, 4))
    grid = np.zeros((n, n), dtype=int)
    r, c = int(rng.integers(1, n - 1)), int(rng.integers(1, n - 1))
    grid[r, :] = across
    grid[:, c] = down
    return grid
