"""Crop the shape that holds the light-blue cell, painting that cell in the shape's colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = [obj for obj in find_objects(grid, diagonal=True, by_color=False) if 8 in obj.colors][0]
    return recolor(shape.crop(), shape.color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((13, 13), dtype=int)
    palette = _gen.colors(rng, int(rng.integers(3, 5)), exclude=(0, 8))
    for k, color in enumerate(palette):
        spot = _gen.free_spot(rng, grid > 0, 3, 3)
        if spot is None:
            return None
        mask = _gen.shape(rng, 3, 3, fill=0.6)
        grid[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3][mask] = color
        if k == 0:
            r, c = np.argwhere(mask)[int(rng.integers(mask.sum()))]
            grid[spot[0] + r, spot[1] + c] = 8
    return grid
