"""Place a copy of the grid in each 3x3 block whose cell has the grid's most common colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    keep = scale_up(grid == most_common_color(grid), grid.shape[0])
    return np.where(keep, tile(grid, *grid.shape), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        palette = _gen.colors(rng, int(rng.integers(2, 5)))
        grid = rng.choice(palette, size=(3, 3))
        counts = sorted(color_counts(grid).values())
        if len(counts) == 1 or counts[-1] > counts[-2]:
            return grid
