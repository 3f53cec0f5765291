"""Cut out the shape and repeat it twice side by side."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return tile(crop_to_content(grid), 1, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((8, 8), dtype=int)
    r, c = int(rng.integers(0, 6)), int(rng.integers(0, 6))
    grid[r:r + 3, c:c + 3][_gen.shape(rng, 3, 3, fill=0.6)] = _gen.color(rng)
    return grid
