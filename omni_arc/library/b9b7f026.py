"""Output the colour of the only rectangle with a hole in it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    holed = next(obj for obj in find_objects(grid) if not obj.is_rectangle)
    return np.array([[holed.color]])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(13, 17)), int(rng.integers(13, 18))
    grid = np.zeros((H, W), dtype=int)
    palette = _gen.colors(rng, int(rng.integers(4, 8)))
    for i, color in enumerate(palette):
        h, w = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        if i == 0:
            h, w = max(h, 3), max(w, 3)
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is None:
            if i == 0:
                return None
            continue
        grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = color
        if i == 0:
            grid[spot[0] + int(rng.integers(1, h - 1)), spot[1] + int(rng.integers(1, w - 1))] = 0
    return grid
