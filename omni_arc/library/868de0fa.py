"""Fill each hollow blue square: red when its inside has an even side, orange when odd."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for hole in components(enclosed_mask(grid)):
        out[hole] = 2 if bbox(hole).height % 2 == 0 else 7
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(10, 21))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        n = int(rng.integers(3, 10))
        spot = _gen.free_spot(rng, grid != 0, n, n)
        if spot is not None:
            grid = draw_rect(grid, (spot[0], spot[1], spot[0] + n, spot[1] + n), 1)
    return grid
