"""The pattern is mirror-symmetric: reveal what the green patch hides."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop(complete_symmetry(grid, unknown=3), bbox(grid == 3))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    full = _gen.symmetric_pattern(rng, 16, _gen.colors(rng, int(rng.integers(3, 6)), exclude=(0, 3)))
    r, c = int(rng.integers(0, 12)), int(rng.integers(0, 12))
    grid = fill_rect(full, (r, c, r + 5, c + 5), 3)
    return grid if np.array_equal(task(grid), full[r:r + 5, c:c + 5]) else None
