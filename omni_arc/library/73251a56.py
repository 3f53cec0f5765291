"""Fill the holes from the mirror image across the diagonal; where that is hidden too, copy the up-left neighbour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = complete_symmetry(grid, 0, kinds=["transpose"])
    for r, c in cells_of(out, 0):  # near the diagonal, cells repeat along it
        out[r, c] = out[r - 1, c - 1]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    m, offset = int(rng.integers(6, 10)), int(rng.integers(0, 9))
    rows, cols = np.indices((21, 21))
    k = (np.maximum(rows, cols) + 2) // (np.minimum(rows, cols) + 2) - 1
    k[rows == cols] = 1
    full = (k + offset) % m + 1
    grid = full.copy()
    for _ in range(int(rng.integers(3, 7))):
        h, w = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        r, c = int(rng.integers(1, 22 - h)), int(rng.integers(1, 22 - w))
        grid[r:r + h, c:c + w] = 0
    return grid if np.array_equal(task(grid), full) else None
