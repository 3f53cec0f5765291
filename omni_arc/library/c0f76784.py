"""Fill each grey square frame's hole by its width: 1 -> magenta, 2 -> orange, 3 -> light blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for hole in components(enclosed_mask(grid)):
        out = fill_mask(out, hole, 5 + bbox(hole).width)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(10, 15))
    grid = np.zeros((size, size), dtype=int)
    for side in rng.permutation([1, 2, 3, int(rng.integers(1, 4))])[:int(rng.integers(2, 5))]:
        spot = _gen.free_spot(rng, grid > 0, side + 2, side + 2)
        if spot:
            grid = draw_rect(grid, (spot[0], spot[1], spot[0] + side + 2, spot[1] + side + 2), 5)
    return grid
