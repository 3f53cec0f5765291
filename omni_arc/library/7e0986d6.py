"""Remove the noise colour: noise cells with two or more shape neighbours take the shape's colour, the rest go black."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    noise = least_common_color(grid, exclude=0)
    shape = (grid != 0) & (grid != noise)
    keep = shape | ((grid == noise) & (neighbor_count(shape, diagonal=False) >= 2))
    return mask_to_grid(keep, most_common_color(grid, exclude=[0, noise]))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(11, 15)), int(rng.integers(13, 18))
    color, noise = _gen.colors(rng, 2)
    clean = np.zeros((H, W), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 8))
        spot = _gen.free_spot(rng, clean > 0, h, w)
        if spot is not None:
            clean[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = color
    grid = np.where(rng.random((H, W)) < rng.uniform(0.04, 0.1), noise, clean)
    ok = 0 < count_color(grid, noise) < count_color(grid, color) and np.array_equal(task(grid), clean)
    return grid if ok else None
