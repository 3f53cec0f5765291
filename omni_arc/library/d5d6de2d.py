"""Replace every red frame by its hole, filled green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return mask_to_grid(enclosed_mask(grid), 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([10, 15, 25]))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(3, min(size, 10))), int(rng.integers(3, min(size, 10)))
        spot = _gen.free_spot(rng, grid > 0, h, w)
        if spot:
            grid = draw_rect(grid, (spot[0], spot[1], spot[0] + h, spot[1] + w), 2)
    return grid
