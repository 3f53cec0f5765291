"""Paint green every blue shape that closes a loop around a hole."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        if count_holes(obj) > 0:
            out = draw_object(out, obj, 3)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(9, 16))
    grid = np.zeros((n, n), dtype=int)
    for _ in range(int(rng.integers(3, 7))):
        h, w = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        if rng.random() < 0.5 and h >= 3 and w >= 3:
            piece = draw_rect(new_grid(h, w), (0, 0, h, w), 1)
        else:
            piece = mask_to_grid(_gen.shape(rng, h, w, fill=0.5))
        spot = _gen.free_spot(rng, grid > 0, h, w)
        if spot is not None:
            grid = paste(grid, piece, *spot)
    return grid
