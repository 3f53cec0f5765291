"""Hang a green block under each 2x2 square, as many rows deep as the square has colours."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for square in find_objects(grid, by_color=False):
        depth = len(square.colors)
        out = fill_rect(out, (square.bottom, square.left, square.bottom + depth, square.right), 3)
    return overlay(out, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    for _ in range(int(rng.integers(2, 4))):
        square = rng.choice(_gen.colors(rng, int(rng.integers(1, 5)), exclude=(0, 3)), size=(2, 2))
        depth = len(np.unique(square))
        spot = _gen.free_spot(rng, taken, 2 + depth, 2)
        if spot:
            taken[spot[0]:spot[0] + 2 + depth, spot[1]:spot[1] + 2] = True
            grid = paste(grid, square, *spot)
    return grid
