"""Blue cells inside the light-blue rectangle's area turn green."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 8)
    out = grid.copy()
    area = out[box.slices]
    area[area == 1] = 3
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = _gen.scatter(rng, 17, 17, [1], density=0.5)
    h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    r, c = int(rng.integers(0, 17 - h)), int(rng.integers(0, 17 - w))
    area = grid[r:r + h, c:c + w]
    area[area == 0] = 8
    if not (grid == 8).any():
        grid[r, c] = 8
    return grid
