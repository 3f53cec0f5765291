"""Draw a frame in the shape's colour just inside the four grey dots."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 5)
    color = unique_colors(grid, exclude=[0, 5])[0]
    return draw_rect(grid, (box.top + 1, box.left + 1, box.bottom - 1, box.right - 1), color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(13, 16)), int(rng.integers(13, 16))
    h, w = int(rng.integers(3, 5)), int(rng.integers(3, 5))
    top, left = int(rng.integers(1, H - h - 6)), int(rng.integers(1, W - w - 6))
    bottom, right = int(rng.integers(top + h + 6, H)), int(rng.integers(left + w + 6, W))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(top + 3, bottom - h - 2)), int(rng.integers(left + 3, right - w - 2))
    grid = draw_rect(grid, (r, c, r + h, c + w), _gen.color(rng, exclude=(0, 5)))
    grid[top - 1, int(rng.integers(left + 1, right - 1))] = 5
    grid[bottom, int(rng.integers(left + 1, right - 1))] = 5
    grid[int(rng.integers(top + 1, bottom - 1)), left - 1] = 5
    grid[int(rng.integers(top + 1, bottom - 1)), right] = 5
    return grid
