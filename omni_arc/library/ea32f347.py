"""Colour the grey bars by length: longest blue, middle yellow, shortest red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for bar, color in zip(sort_by(find_objects(grid), "size", reverse=True), [1, 4, 2]):
        out = draw_object(out, bar, color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = np.zeros((10, 10), dtype=int)
        lengths = sorted(rng.choice(np.arange(2, 8), size=3, replace=False))
        for length in rng.permutation(lengths):
            vertical = rng.random() < 0.5
            h, w = (length, 1) if vertical else (1, length)
            spot = _gen.free_spot(rng, grid > 0, h, w)
            if spot is None:
                break
            grid[spot[0]:spot[0] + h, spot[1]:spot[1] + w] = 5
        if len(find_objects(grid)) == 3:
            return grid
