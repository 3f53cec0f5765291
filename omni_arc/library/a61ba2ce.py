"""Assemble the four corner pieces into a 4x4 square, each in the corner it points to."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = new_grid(4, 4)
    for piece in find_objects(grid):
        r, c = cells_of(~piece.mask)[0]
        out = paste(out, piece.crop(), 2 * (1 - r), 2 * (1 - c))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((13, 13), dtype=int)
    for color, (r, c) in zip(_gen.colors(rng, 4), [(0, 0), (0, 1), (1, 0), (1, 1)]):
        spot = _gen.free_spot(rng, grid != 0, 2, 2)
        piece = np.full((2, 2), color)
        piece[r, c] = 0
        grid[spot[0]:spot[0] + 2, spot[1]:spot[1] + 2] = piece
    return grid
