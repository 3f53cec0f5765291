"""Put a red cell between every two blue cells one apart in a row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    between = (shift(grid, 0, 1) == 1) & (shift(grid, 0, -1) == 1) & (grid == 0)
    return fill_mask(grid, between, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.choice([5, 10]))
    grid = np.zeros((size, size), dtype=int)
    for r in rng.permutation(size)[:int(rng.integers(1, size // 2 + 1))]:
        k = int(rng.integers(2, 5))
        if 2 * k - 1 <= size:
            c = int(rng.integers(0, size - 2 * k + 2))
            grid[r, c:c + 2 * k - 1:2] = 1
    return grid if grid.any() else None
