"""From the open corner of each L-shaped piece, shoot a diagonal ray away from the piece."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        (r, c), = cells_of(~obj.mask)
        out = draw_ray(out, (obj.top + r, obj.left + c), (1 if r else -1, 1 if c else -1), obj.color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    color = _gen.color(rng)
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(2, 4))):
        spot = _gen.free_spot(rng, grid > 0, 2, 2)
        if spot is None:
            break
        piece = np.full((2, 2), color)
        r, c = int(rng.integers(2)), int(rng.integers(2))
        piece[r, c] = 0
        trial = paste(grid, piece, *spot)
        ray = draw_ray(new_grid(10, 10), (spot[0] + r, spot[1] + c), (1 if r else -1, 1 if c else -1), 1)
        if not (ray & (trial > 0)).any():
            grid = trial
    return grid if grid.any() else None
