"""Draw a light-blue diagonal as long as the number of shapes."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = len(find_objects(grid))
    return mask_to_grid(np.eye(n, dtype=bool), 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(8, 17)), int(rng.integers(8, 13))
    grid = np.zeros((height, width), dtype=int)
    for _ in range(int(rng.integers(1, 6))):
        piece = _gen.polyomino(rng, int(rng.integers(3, 7)))
        spot = _gen.free_spot(rng, grid > 0, *piece.shape)
        if spot:
            grid = paste(grid, piece * 8, *spot, transparent=0)
    return grid
