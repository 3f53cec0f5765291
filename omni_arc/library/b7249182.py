"""Grow the two dots toward each other into facing cup shapes that meet in the middle."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r1, c), (r2, _) = cells_of(grid != 0)
    if r1 == r2:
        return transpose(task(transpose(grid)))
    a, b = grid[r1, c], grid[r2, c]
    m = (r1 + r2) // 2
    out = grid.copy()
    out[r1:m, c] = a
    out[m - 1, c - 2:c + 3] = a
    out[m, [c - 2, c + 2]] = a
    out[m + 2:r2, c] = b
    out[m + 2, c - 2:c + 3] = b
    out[m + 1, [c - 2, c + 2]] = b
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    gap = 2 * int(rng.integers(2, 8)) + 1
    H, W = gap + 1 + int(rng.integers(0, 5)), int(rng.integers(5, 14))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - gap)), int(rng.integers(2, W - 2))
    grid[r, c], grid[r + gap, c] = _gen.colors(rng, 2)
    return grid if rng.random() < 0.5 else grid.T
