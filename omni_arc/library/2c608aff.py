"""Each dot lined up with the big rectangle draws a line of its colour up to the rectangle; other dots stay."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, background=background_color(grid))
    rect = largest(objects)
    out = grid.copy()
    for dot in objects:
        dr, dc = direction_to(dot, rect)
        if dot is not rect and (dr == 0) != (dc == 0):
            out = draw_ray(out, (dot.top, dot.left), (dr, dc), dot.color, stop_at=rect.color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    back, box, dot = _gen.colors(rng, 3, exclude=())
    h, w = int(rng.integers(9, 15)), int(rng.integers(9, 15))
    grid = np.full((h, w), back)
    rh, rw = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    top, left = int(rng.integers(1, h - rh - 1)), int(rng.integers(1, w - rw - 1))
    grid[top:top + rh, left:left + rw] = box
    for _ in range(int(rng.integers(1, 5))):
        r, c = int(rng.integers(h)), int(rng.integers(w))
        if (neighbors(grid != back, diagonal=True)[r, c] or grid[r, c] != back):
            continue  # keep dots apart from each other and from the rectangle
        grid[r, c] = dot
    return grid
