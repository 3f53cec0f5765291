"""Every coloured cell drips down to the bottom of the grid."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for r in range(1, grid.shape[0]):
        out[r] = np.where(out[r] == 0, out[r - 1], out[r])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 3), dtype=int)
    for col in rng.choice(3, size=int(rng.integers(1, 4)), replace=False):
        grid[int(rng.integers(3)), col] = _gen.color(rng)
    return grid
