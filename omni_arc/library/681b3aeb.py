"""Fit the two pieces together into a full 3x3 square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    a, b = find_objects(grid, diagonal=True)
    for r in range(4 - a.height):
        for c in range(4 - a.width):
            out = paste(new_grid(3, 3), a.crop(), r, c)
            rest = out == 0
            if np.array_equal(crop(rest, bbox(rest)), b.mask):
                return fill_mask(out, rest, b.color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    while True:
        split = rng.random((3, 3)) < 0.5
        if 2 <= split.sum() <= 7 and len(components(split)) == 1 and len(components(~split)) == 1:
            break
    colors = _gen.colors(rng, 2)
    square = np.where(split, colors[0], colors[1])
    grid = np.zeros((10, 10), dtype=int)
    for part in (split, ~split):
        piece = crop(np.where(part, square, 0), bbox(part))
        spot = _gen.free_spot(rng, grid > 0, *piece.shape)
        if spot is None:
            return None
        grid = paste(grid, piece, *spot)
    return grid if np.array_equal(task(grid), square) else None
