"""Copy the coloured pattern onto every grey block."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shapes = find_objects(grid, by_color=False)
    pattern = next(s for s in shapes if len(s.colors) > 1)
    out = grid.copy()
    for block in select_by_color(shapes, 5):
        out = paste(out, pattern.crop(), block.top, block.left)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(3, 5)), int(rng.integers(3, 5))
    a, b = _gen.colors(rng, 2, exclude=(0, 5))
    pattern = np.where(rng.random((h, w)) < 0.5, a, b)
    pattern[0, 0], pattern[-1, -1] = a, b
    grid = np.zeros((10, 10), dtype=int)
    occupied = np.zeros_like(grid, dtype=bool)
    for k in range(int(rng.integers(3, 5))):
        spot = _gen.free_spot(rng, occupied, h, w)
        if spot:
            occupied[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = True
            grid = paste(grid, pattern if k == 0 else np.full((h, w), 5), *spot)
    return grid
