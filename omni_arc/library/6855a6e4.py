"""Flip each grey shape over the back of its nearest red bracket, into the space between the brackets."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    brackets = select_by_color(find_objects(grid), 2)
    out = replace_color(grid, 5, 0)
    for obj in select_by_color(find_objects(grid, diagonal=True), 5):
        b = min_by(brackets, lambda b: abs(b.center[0] - obj.center[0]) + abs(b.center[1] - obj.center[1]))
        if b.width > b.height:
            axis = b.top if obj.top < b.top else b.bottom - 1
            out = paste(out, flip_top_bottom(obj.crop()), 2 * axis - obj.bottom + 1, obj.left, transparent=0)
        else:
            axis = b.left if obj.left < b.left else b.right - 1
            out = paste(out, flip_left_right(obj.crop()), obj.top, 2 * axis - obj.right + 1, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((15, 15), dtype=int)
    w = int(rng.integers(5, 10))
    left = int(rng.integers(0, 16 - w))
    h1, h2 = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    top = int(rng.integers(h1 + 1, 6))
    if top + h1 + h2 + 4 >= 14 - h2:
        return None
    bottom = int(rng.integers(top + h1 + h2 + 4, 14 - h2))
    grid[[top, bottom], left:left + w] = 2
    grid[[top + 1, top + 1, bottom - 1, bottom - 1], [left, left + w - 1, left, left + w - 1]] = 2
    for h, r in ((h1, top - 1 - h1), (h2, bottom + 2)):
        sw = int(rng.integers(1, w - 1))
        c = left + 1 + int(rng.integers(0, w - 1 - sw))
        grid[r:r + h, c:c + sw][_gen.shape(rng, h, sw, fill=0.7)] = 5
    return grid if rng.random() < 0.5 else grid.T.copy()
