"""Keep only the solid blocks: cells that are part of some filled 2x2 square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = most_common_color(grid, exclude=0)
    out = new_grid(*grid.shape)
    for r, c in find_pattern(grid, new_grid(2, 2, color)):
        out[r:r + 2, c:c + 2] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    n = int(rng.integers(7, 18))
    color = _gen.color(rng)
    clean = np.zeros((n, n), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(2, 5)), int(rng.integers(2, 6))
        spot = _gen.free_spot(rng, clean > 0, h, w)
        if spot is not None:
            clean[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = color
    grid = np.where(rng.random((n, n)) < rng.uniform(0.04, 0.1), color, clean)
    ok = clean.any() and np.array_equal(task(grid), clean)
    return grid if ok else None
