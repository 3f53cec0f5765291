"""Shrink the big blocky shape to 3x3 and paint it in the colour of the scattered noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = largest(find_objects(grid, diagonal=True))
    noise = [c for c in unique_colors(grid, exclude=0) if c != shape.color][0]
    return recolor(scale_down(shape.crop(), shape.height // 3), noise)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    k = int(rng.integers(3, 6))
    H, W = int(rng.integers(3 * k + 4, 25)), int(rng.integers(3 * k + 4, 27))
    shape_color, noise = _gen.colors(rng, 2)
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - 3 * k + 1)), int(rng.integers(0, W - 3 * k + 1))
    grid[r:r + 3 * k, c:c + 3 * k] = scale_up(_gen.shape(rng, 3, 3, fill=0.6).astype(int), k) * shape_color
    spots = (grid == 0) & (rng.random((H, W)) < rng.uniform(0.05, 0.12))
    grid[spots] = noise
    return grid
