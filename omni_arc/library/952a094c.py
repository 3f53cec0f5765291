"""Move the four coloured cells inside the frame's corners to the outside corners across from them."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = largest(find_objects(grid)).bbox
    inner = (box.top + 1, box.left + 1, box.bottom - 1, box.right - 1)
    turned = rotate(crop(grid, inner), 2)
    out = fill_rect(grid, inner, 0)
    for i, r in ((0, box.top - 1), (-1, box.bottom)):
        for j, c in ((0, box.left - 1), (-1, box.right)):
            out[r, c] = turned[i, j]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    h, w = int(rng.integers(4, 8)), int(rng.integers(4, 8))
    r, c = int(rng.integers(1, 10 - h)), int(rng.integers(1, 10 - w))
    frame, *corners = _gen.colors(rng, 5)
    grid = draw_rect(grid, (r, c, r + h, c + w), frame)
    for color, (rr, cc) in zip(corners, [(r + 1, c + 1), (r + 1, c + w - 2), (r + h - 2, c + 1), (r + h - 2, c + w - 2)]):
        grid[rr, cc] = color
    return grid
