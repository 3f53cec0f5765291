"""Colour the black holes by size: single cells green, pairs red, triples blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for hole in components(grid == 0):
        out = fill_mask(out, hole, 4 - int(hole.sum()))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.full((10, 10), 5)
    for _ in range(int(rng.integers(12, 22))):
        piece = _gen.polyomino(rng, int(rng.integers(1, 4)))
        spot = _gen.free_spot(rng, grid == 0, *piece.shape)
        if spot:
            grid = paste(grid, np.where(piece, 0, 5), *spot, transparent=5)
    return grid
