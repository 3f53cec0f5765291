"""Ring each green cell with magenta, each light-blue cell with yellow and each red cell with blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for color, ring in {3: 6, 8: 4, 2: 1}.items():
        out = fill_mask(out, neighbors(grid == color, diagonal=True), ring)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.integers(6, 17))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(1, 5))):
        spot = _gen.free_spot(rng, grid != 0, 3, 3, margin=2)
        if spot is not None:
            grid[spot[0] + 1, spot[1] + 1] = int(rng.choice([2, 3, 8]))
    return grid if grid.any() else None
