"""Paint the shape in the colour of the corner cell, and remove that cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = grid[-1, 0]
    out = grid.copy()
    out[-1, 0] = 0
    return recolor(out, color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    shape_color, color = _gen.colors(rng, 2)
    grid = np.zeros((7, 7), dtype=int)
    h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    r, c = int(rng.integers(1, 7 - h)), int(rng.integers(1, 7 - w))
    grid[r:r + h, c:c + w][_gen.shape(rng, h, w)] = shape_color
    grid[-1, 0] = color
    return grid
