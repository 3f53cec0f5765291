"""Mirror the corner pattern into all four corners and join each off-diagonal cell to its mirror with a dotted line."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = complete_symmetry(grid, kinds=["flip_left_right", "flip_top_bottom", "transpose"])
    n = len(grid)
    for r, c in cells_of(out[:n // 2, :n // 2] != 0):
        if r < c:
            out[r, c:n - c:2] = out[r, c]
            out[n - 1 - r, c:n - c:2] = out[r, c]
        elif c < r:
            out[r:n - r:2, c] = out[r, c]
            out[r:n - r:2, n - 1 - c] = out[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    corner = np.zeros((9, 9), dtype=int)
    for k in [1, 3, 5, 7][:int(rng.integers(2, 5))]:
        corner[k, k] = _gen.color(rng)
        if k < 7 and rng.random() < 0.6:
            corner[k, k + 2] = corner[k + 2, k] = _gen.color(rng)
    grid = np.zeros((19, 19), dtype=int)
    grid[:9, :9] = corner
    return dihedral(grid, int(rng.integers(4)) if rng.random() < 0.5 else 0)
