"""Colour the shapes of six cells red and all the others blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        out = draw_object(out, obj, 2 if obj.size == 6 else 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(3, 8))):
        piece = _gen.polyomino(rng, int(rng.choice([2, 3, 4, 5, 6, 6, 6, 7, 8])))
        spot = _gen.free_spot(rng, grid > 0, *piece.shape)
        if spot:
            grid = paste(grid, piece * 5, *spot, transparent=0)
    return grid
