"""Draw two 4x4 squares along the diagonal, starting from the corner where the 2x2 block sits."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    color = most_common_color(grid, exclude=[0, 2])
    out = fill_rect(fill_rect(new_grid(9, 9), (0, 0, 4, 4), color), (4, 4, 8, 8), color)
    box = bbox(grid)
    if box.top > 0:
        out = flip_top_bottom(out)
    if box.left > 0:
        out = flip_left_right(out)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 3), dtype=int)
    r, c = int(rng.integers(2)), int(rng.integers(2))
    grid[r:r + 2, c:c + 2] = 3
    grid[1, 1] = 2
    return grid
