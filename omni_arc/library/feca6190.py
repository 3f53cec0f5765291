"""Each coloured cell of the strip rises diagonally up-right in a square five times as wide as the number of colours."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    size = 5 * count_colors(grid, exclude=0)
    out = new_grid(size, size)
    for c in np.nonzero(grid[0])[0]:
        out = draw_ray(out, (size - 1, c), "up_right", grid[0, c], include_start=True)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(1, 5))
    grid = np.zeros((1, 5), dtype=int)
    grid[0, rng.choice(5, size=n, replace=False)] = _gen.colors(rng, n)
    return grid
