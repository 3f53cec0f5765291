"""Draw magenta lines across the whole grid through the centre row and column of every blue square, over the background only."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for square in find_objects(grid, background=8):
        r, c = int(square.center[0]), int(square.center[1])
        out[r][grid[r] == 8] = 6
        out[:, c][grid[:, c] == 8] = 6
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.full((15, 15), 8)
    ring = draw_rect(new_grid(5, 5, 8), (0, 0, 5, 5), 1)
    for _ in range(int(rng.integers(1, 3))):
        spot = _gen.free_spot(rng, grid != 8, 5, 5)
        if spot is not None:
            grid = paste(grid, ring, *spot)
    return grid
