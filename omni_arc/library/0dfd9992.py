"""Repair the black holes in the repeating wallpaper pattern."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return complete_pattern(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(14, 25))
    while True:
        p, q = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        motif = rng.choice(_gen.colors(rng, int(rng.integers(3, 6))), size=(p, q))
        full = tile(motif, size // p + 1, size // q + 1)[:size, :size]
        if period(full, 0) != p or period(full, 1) != q:
            continue
        grid = _gen.cover_rects(rng, full, int(rng.integers(3, 8)), (1, 6))
        if np.array_equal(complete_pattern(grid), full):
            return grid
