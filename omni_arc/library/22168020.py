"""Fill each V shape solid: join the cells of each colour that share a row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for color in unique_colors(grid, exclude=0):
        out = connect(out, color, diagonal=False)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for color in _gen.colors(rng, int(rng.integers(1, 3))):
        arm = int(rng.integers(1, 4))
        spot = _gen.free_spot(rng, grid != 0, arm + 2, 2 * arm + 2)
        if spot is None:
            continue
        r, c = spot
        for k in range(arm):
            grid[r + k, c + k] = grid[r + k, c + 2 * arm + 1 - k] = color
        grid[r + arm:r + arm + 2, c + arm:c + arm + 2] = color
    return grid
