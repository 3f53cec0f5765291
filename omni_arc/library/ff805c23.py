"""The pattern is mirror-symmetric: reveal what the blue patch hides."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop(complete_symmetry(grid, unknown=1), bbox(grid == 1))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    full = _gen.symmetric_pattern(rng, 24, [0] + _gen.colors(rng, int(rng.integers(2, 4)), exclude=(0, 1)))
    r, c = int(rng.integers(0, 20)), int(rng.integers(0, 20))
    grid = fill_rect(full, (r, c, r + 5, c + 5), 1)
    return grid if np.array_equal(task(grid), full[r:r + 5, c:c + 5]) else None
