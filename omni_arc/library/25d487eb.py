"""The odd-coloured cell at the base of the arrow shoots a ray of its colour out through the arrow's tip."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    arrow = find_objects(grid, by_color=False)[0]
    color = least_common_color(grid, exclude=0)
    r, c = cells_of(grid, color)[0]
    direction = (int(np.sign(arrow.center[0] - r)), int(np.sign(arrow.center[1] - c)))
    ray = draw_ray(np.zeros_like(grid), (r, c), direction, color)
    return overlay(ray, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    k = int(rng.integers(2, 5))
    h, w = int(rng.integers(k + 4, 17)), int(rng.integers(2 * k + 1, 17))
    grid = np.zeros((h, w), dtype=int)
    color, base = _gen.colors(rng, 2)
    top, mid = int(rng.integers(2, h - k + 1)), int(rng.integers(k - 1, w - k + 1))
    for i in range(k):
        grid[top + i, mid - i:mid + i + 1] = color
    grid[top + k - 1, mid] = base
    return rotate(grid, int(rng.integers(4)))
