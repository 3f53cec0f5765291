"""The blue square shoots a blue diagonal up-left, the red square a red diagonal down-right."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    blue, red = bbox(grid == 1), bbox(grid == 2)
    out = draw_ray(grid, (blue.top, blue.left), "up_left", 1)
    return draw_ray(out, (red.bottom - 1, red.right - 1), "down_right", 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = np.zeros((10, 10), dtype=int)
        r1, c1, r2, c2 = rng.integers(0, 9, size=4)
        grid[r1:r1 + 2, c1:c1 + 2] = 1
        if grid[r2:r2 + 2, c2:c2 + 2].any():
            continue
        grid[r2:r2 + 2, c2:c2 + 2] = 2
        rays = draw_ray(draw_ray(np.zeros_like(grid), (r1, c1), "up_left", 1), (r2 + 1, c2 + 1), "down_right", 1)
        if not (rays & (grid > 0)).any():
            return grid
