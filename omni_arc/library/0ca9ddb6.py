"""Red cells get yellow diagonal neighbours and blue cells get orange side neighbours; other cells stay."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = fill_mask(grid, neighbors(grid == 2, diagonal="only") & (grid == 0), 4)
    return fill_mask(out, neighbors(grid == 1, diagonal=False) & (grid == 0), 7)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    for value in rng.choice([1, 2, 2, 1, 6, 8], size=int(rng.integers(2, 5)), replace=False):
        spot = _gen.free_spot(rng, np.pad(grid != 0, 0), 3, 3, margin=0)
        if spot is not None:
            grid[spot[0] + 1, spot[1] + 1] = value
    return grid
