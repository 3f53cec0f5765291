"""Shrink the blocky grey shape to 3x3 and draw it as a fractal: the shape made of copies of itself."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    pattern = scale_down(crop_to_content(grid), 3)
    return np.where(scale_up(pattern, 3) != 0, tile(pattern, 3, 3), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((int(rng.integers(16, 18)), int(rng.integers(18, 20))), dtype=int)
    pattern = _gen.shape(rng, 3, 3, fill=float(rng.uniform(0.4, 0.8))).astype(int) * 5
    r, c = int(rng.integers(0, grid.shape[0] - 8)), int(rng.integers(0, grid.shape[1] - 8))
    return paste(grid, scale_up(pattern, 3), r, c)
