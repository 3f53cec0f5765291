"""Four blocks of noise; output the one drawn in a different colour from the other three."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    odd = least_common_color(grid, exclude=0)
    return crop(grid, bbox(grid == odd))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        hs = [int(rng.integers(4, 11)), int(rng.integers(1, 5)), int(rng.integers(4, 11))]
        ws = [int(rng.integers(4, 11)), int(rng.integers(1, 5)), int(rng.integers(4, 11))]
        common, odd = _gen.colors(rng, 2)
        which = int(rng.integers(4))
        grid = np.zeros((sum(hs), sum(ws)), dtype=int)
        for k, (r, c) in enumerate([(0, 0), (0, 2), (2, 0), (2, 2)]):
            top, left = sum(hs[:r]), sum(ws[:c])
            block = rng.random((hs[r], ws[c])) < 0.6
            grid[top:top + hs[r], left:left + ws[c]][block] = odd if k == which else common
        if count_color(grid, odd) < count_color(grid, common):
            return grid
