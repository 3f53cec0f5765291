"""Every black area that touches a blue cell turns blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for area in components(grid == 0):
        if (neighbors(area, diagonal=False) & (grid == 1)).any():
            out[area] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(10, 17))
    grid = _gen.scatter(rng, n, n, range(1, 10), float(rng.uniform(0.45, 0.6)))
    return grid
