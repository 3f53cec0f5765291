"""Each framed square swaps its frame and centre colours and grows arms of the frame colour as thick as its centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for square in find_objects(grid, by_color=False):
        box = square.bbox
        frame, centre = grid[box.top, box.left], grid[box.top + 1, box.left + 1]
        k = square.height - 2
        out = fill_rect(out, (box.top - k, box.left, box.bottom + k, box.right), frame)
        out = fill_rect(out, (box.top, box.left - k, box.bottom, box.right + k), frame)
        out[box.slices] = swap_colors(crop(grid, box), frame, centre)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(3, 5))
    frame, centre = _gen.colors(rng, 2)
    square = draw_rect(new_grid(size, size, centre), (0, 0, size, size), frame)
    k = size - 2
    grid = np.zeros((10, 10), dtype=int)
    top, left = int(rng.integers(k, 11 - size - k)), int(rng.integers(k, 11 - size - k))
    return paste(grid, square, top, left)
