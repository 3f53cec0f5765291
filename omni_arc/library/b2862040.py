"""Paint light blue every blue shape that encloses a hole."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid
    for obj in find_objects(grid, background=9):
        if count_holes(obj) > 0:
            out = draw_object(out, obj, 8)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(9, 17)), int(rng.integers(9, 16))
    grid = np.full((H, W), 9)
    for _ in range(int(rng.integers(2, 6))):
        h, w = int(rng.integers(3, 6)), int(rng.integers(3, 6))
        spot = _gen.free_spot(rng, grid != 9, h + 1, w, margin=1)
        if spot is None:
            continue
        r, c = spot
        grid = draw_rect(grid, (r, c, r + h, c + w), 1)
        if rng.random() < 0.5:
            grid[r + int(rng.integers(1, h - 1)), c + (w - 1) * int(rng.integers(2))] = 9  # open the loop
        if rng.random() < 0.5:
            grid[r + h, c + int(rng.integers(w))] = 1  # a tail below
    return grid
