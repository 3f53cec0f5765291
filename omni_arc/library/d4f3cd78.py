"""Fill the grey box with light blue, which also pours out through the gap in its wall to the edge."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    box = bbox(grid == 5)
    out = fill_rect(grid, (box.top + 1, box.left + 1, box.bottom - 1, box.right - 1), 8)
    r, c = next((r, c) for r, c in cells_of(crop(out, box), 0))
    dr = -1 if r == 0 else 1 if r == box.height - 1 else 0
    dc = -1 if c == 0 else 1 if c == box.width - 1 else 0
    return draw_ray(out, (box.top + r, box.left + c), (dr, dc), 8, include_start=True)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    h, w = int(rng.integers(4, 8)), int(rng.integers(4, 8))
    r, c = int(rng.integers(1, 10 - h)), int(rng.integers(1, 10 - w))
    grid = draw_rect(grid, (r, c, r + h, c + w), 5)
    side = int(rng.integers(4))
    if side < 2:
        grid[r if side == 0 else r + h - 1, int(rng.integers(c + 1, c + w - 1))] = 0
    else:
        grid[int(rng.integers(r + 1, r + h - 1)), c if side == 2 else c + w - 1] = 0
    return grid
