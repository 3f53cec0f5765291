"""The carpet is symmetric about its centre (between rows and columns 15 and 16): repaint the maroon patches from their mirror images."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return complete_symmetry(grid, unknown=9, center=(15.5, 15.5))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    palette = [0] + _gen.colors(rng, int(rng.integers(3, 6)), exclude=(0, 9))
    full = _gen.symmetric_pattern(rng, 32, palette)[:30, :30]
    while True:
        grid = _gen.cover_rects(rng, full, int(rng.integers(2, 6)), (2, 8), color=9)
        if np.array_equal(task(grid), full):
            return grid
