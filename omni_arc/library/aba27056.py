"""Fill the open container with yellow and let it pour out of the gap as a straight beam flanked by diagonal rays."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid)
    out = grid.copy()
    out[box.slices][grid[box.slices] == 0] = 4
    sides = {
        "up": ([(box.top, c) for c in range(box.left, box.right)], "up_left", "up_right"),
        "down": ([(box.bottom - 1, c) for c in range(box.left, box.right)], "down_left", "down_right"),
        "left": ([(r, box.left) for r in range(box.top, box.bottom)], "up_left", "down_left"),
        "right": ([(r, box.right - 1) for r in range(box.top, box.bottom)], "up_right", "down_right"),
    }
    for side, (cells, first, last) in sides.items():
        gap = [(r, c) for r, c in cells if grid[r, c] == 0]
        if gap:
            for cell in gap:
                out = draw_ray(out, cell, side, 4)
            out = draw_ray(out, gap[0], first, 4)
            out = draw_ray(out, gap[-1], last, 4)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(6, 13)), int(rng.integers(6, 13))
    h, w = int(rng.integers(3, min(H, 8) + 1)), int(rng.integers(3, min(W, 8) + 1))
    r, c = int(rng.integers(0, H - h + 1)), int(rng.integers(0, W - w + 1))
    grid = draw_rect(np.zeros((H, W), dtype=int), (r, c, r + h, c + w), _gen.color(rng, exclude=(0, 4)))
    side = int(rng.integers(4))
    length = h if side < 2 else w
    start = int(rng.integers(1, length - 1))
    end = int(rng.integers(start + 1, length))
    if side == 0:
        grid[r + start:r + end, c] = 0
    elif side == 1:
        grid[r + start:r + end, c + w - 1] = 0
    elif side == 2:
        grid[r, c + start:c + end] = 0
    else:
        grid[r + h - 1, c + start:c + end] = 0
    return grid
