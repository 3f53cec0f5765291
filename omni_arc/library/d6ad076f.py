"""Bridge the gap between the two blocks with light blue, one cell narrower than their overlap on each side."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    def span(a0, a1, b0, b1):
        lo, hi = max(a0, b0), min(a1, b1)
        return (lo + 1, hi - 1) if lo < hi else (hi, lo)

    a, b = find_objects(grid)
    top, bottom = span(a.top, a.bottom, b.top, b.bottom)
    left, right = span(a.left, a.right, b.left, b.right)
    return fill_rect(grid, (top, left, bottom, right), 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    lo = int(rng.integers(0, 8))
    hi = int(rng.integers(lo + 3, 11))
    (a0, b0), (a1, b1) = rng.permutation([lo, int(rng.integers(0, lo + 1))]), rng.permutation([hi, int(rng.integers(hi, 11))])
    end_a = int(rng.integers(2, 6))
    start_b = end_a + int(rng.integers(1, 9 - end_a))
    first, second = _gen.colors(rng, 2, exclude=(0, 8))
    grid[int(rng.integers(0, 2)):end_a, a0:a1] = first
    grid[start_b:int(rng.integers(start_b + 1, 11)), b0:b1] = second
    return grid if rng.random() < 0.5 else transpose(grid)
