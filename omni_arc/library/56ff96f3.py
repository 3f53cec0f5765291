"""Fill the rectangle spanned by each pair of same-coloured dots."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for color in unique_colors(grid, exclude=0):
        out = fill_rect(out, bbox(grid == color), color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((int(rng.integers(6, 11)), int(rng.integers(7, 12))), dtype=int)
    used = np.zeros(grid.shape, dtype=bool)
    for color in _gen.colors(rng, int(rng.integers(1, 4))):
        h, w = int(rng.integers(2, 6)), int(rng.integers(2, 8))
        spot = _gen.free_spot(rng, used, h, w, margin=0)
        if spot is None:
            continue
        r, c = spot
        used[r:r + h, c:c + w] = True
        if rng.random() < 0.5:
            grid[[r, r + h - 1], [c, c + w - 1]] = color
        else:
            grid[[r, r + h - 1], [c + w - 1, c]] = color
    return grid if grid.any() else None
