"""Mirror the shape into all four corners around the small X-shaped centre piece."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    centre = [obj for obj in find_objects(grid, diagonal=True) if obj.shape == (3, 3) and obj.size == 5][0]
    return mirror_around(grid, centre.bbox)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    n = int(rng.integers(max(2 * h, 2 * w) + 6, 16))
    grid = np.zeros((n, n), dtype=int)
    cross, color = _gen.colors(rng, 2)
    r, c = int(rng.integers(h + 2, n - h - 2)), int(rng.integers(w + 2, n - w - 2))
    grid[[r - 1, r - 1, r, r + 1, r + 1], [c - 1, c + 1, c, c - 1, c + 1]] = cross
    while True:
        mask = _gen.shape(rng, h, w)
        mask[-1, -1] = True
        if not (mask.shape == (3, 3) and mask.sum() == 5):
            break
    grid[r - 1 - h:r - 1, c - 1 - w:c - 1][mask] = color
    return np.rot90(grid, int(rng.integers(4))).copy()
