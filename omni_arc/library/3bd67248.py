"""Next to the coloured left column, draw a red diagonal from the top-right corner down to the yellow bottom row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = grid.shape[0]
    out = grid.copy()
    out[-1, 1:] = 4
    return draw_line(out, (0, n - 1), (n - 2, 1), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 16))
    grid = np.zeros((n, n), dtype=int)
    grid[:, 0] = _gen.color(rng, exclude=(0, 2, 4))
    return grid
