"""Scale the small shape up to fill the inside of the red frame, and output the frame."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    frame = select_by_color(find_objects(grid), 2)[0]
    shape = [obj for obj in find_objects(grid, diagonal=True) if obj.color != 2][0]
    return paste(frame.crop(), scale_up(shape.crop(), (frame.height - 2) // 3), 1, 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    k = int(rng.integers(1, 5))
    n = 3 * k + 2
    H, W = int(rng.integers(max(n + 2, 18), 25)), int(rng.integers(max(n + 5, 21), 27))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - n + 1)), int(rng.integers(0, W - n + 1))
    grid = draw_rect(grid, (r, c, r + n, c + n), 2)
    spot = _gen.free_spot(rng, grid > 0, 3, 3)
    if spot is None:
        return None
    grid[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3][_gen.shape(rng, 3, 3, fill=0.55)] = _gen.color(rng, exclude=(0, 2))
    return grid
