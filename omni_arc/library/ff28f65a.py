"""Count the red squares with blue marks on a 3x3 board, filled in the order of a five-spot die."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = count_color(grid, 2) // 4
    out = new_grid(3, 3)
    for r, c in [(0, 0), (0, 2), (1, 1), (2, 0), (2, 2)][:n]:
        out[r, c] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(3, 8))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(1, 6))):
        spot = _gen.free_spot(rng, grid > 0, 2, 2, margin=0)
        if spot:
            grid[spot[0]:spot[0] + 2, spot[1]:spot[1] + 2] = 2
    return grid
