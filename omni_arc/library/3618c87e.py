"""Each blue ball drops through its grey pillar into the grey floor, replacing the floor cell below it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for r, c in cells_of(grid, 1):
        out[r, c] = 0
        out[-1, c] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((5, 5), dtype=int)
    grid[4] = 5
    for c in rng.choice(5, size=int(rng.integers(1, 4)), replace=False):
        grid[3, c], grid[2, c] = 5, 1
    return grid
