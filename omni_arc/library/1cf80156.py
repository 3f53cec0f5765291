"""Crop the grid to the single shape."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop_to_content(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    grid = np.zeros((12, 12), dtype=int)
    shape = _gen.shape(rng, h, w, fill=0.5)
    r, c = int(rng.integers(0, 13 - h)), int(rng.integers(0, 13 - w))
    grid[r:r + h, c:c + w][shape] = _gen.color(rng)
    return grid
