"""Shoot two diagonal rays, in the base's middle colour, up and outward from the top corners of the shape."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = grid[-1, grid.shape[1] // 2]
    top = bbox(grid).top
    cols = np.flatnonzero(grid[top])
    out = draw_ray(grid, (top, cols[0]), "up_left", color)
    return draw_ray(out, (top, cols[-1]), "up_right", color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = 2 * int(rng.integers(1, 5)) + 1
    k = 2 * int(rng.integers(0, (n - 1) // 2)) + 1
    outer, inner = _gen.colors(rng, 2)
    grid = np.zeros((n, n), dtype=int)
    lo = (n - k) // 2
    grid[-1] = outer
    grid[-1, lo:lo + k] = inner
    grid[-2, lo:lo + k] = outer
    return grid
