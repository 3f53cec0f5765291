"""Paint the inside of every solid rectangle light blue, keeping a one-cell rim."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_mask(grid, erode(content_mask(grid)), 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(11, 15)), int(rng.integers(11, 16))
    grid = np.zeros((H, W), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(3, 8)), int(rng.integers(3, 9))
        spot = _gen.free_spot(rng, grid > 0, h, w)
        if spot is not None:
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = rng.choice([1, 2, 3])
    return grid if grid.any() else None
