"""Copy the coloured shape so that its centre lands on the grey cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    row, col = cells_of(grid, 5)[0]
    shape = object_from_mask(grid, (grid != 0) & (grid != 5))
    r, c = shape.center
    return draw_object(replace_color(grid, 5, 0), shape.moved(row - int(r), col - int(c)))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(7, 12)), int(rng.integers(7, 12))
    grid = np.zeros((H, W), dtype=int)
    patch = np.where(_gen.shape(rng, 3, 3, fill=0.6), rng.choice([1, 2, 3, 4, 6, 7, 8, 9], size=(3, 3)), 0)
    r, c = int(rng.integers(0, H - 2)), int(rng.integers(0, W - 2))
    grid[r:r + 3, c:c + 3] = patch
    spot = _gen.free_spot(rng, grid != 0, 3, 3, margin=1)
    if spot is None:
        return None
    grid[spot[0] + 1, spot[1] + 1] = 5
    return grid
