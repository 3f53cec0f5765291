"""Answer with the piece of the repeating pattern hidden under the black patch."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop(complete_pattern(grid), bbox(grid == 0))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.integers(4, 8))
    ph, pw = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    unit = rng.choice(_gen.colors(rng, 2), size=(ph, pw))
    full = tile(unit, size // ph + 1, size // pw + 1)[:size, :size]
    h, w = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    r, c = int(rng.integers(0, size - h + 1)), int(rng.integers(0, size - w + 1))
    grid = fill_rect(full, (r, c, r + h, c + w), 0)
    return grid if np.array_equal(complete_pattern(grid), full) else None
