"""Fill every background area completely enclosed by green with yellow."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_enclosed(grid, 4)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(8, 21))
    grid = _gen.scatter(rng, size, size, [3], density=0.1)
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        r, c = int(rng.integers(0, size - h + 1)), int(rng.integers(0, size - w + 1))
        grid = draw_rect(grid, (r, c, r + h, c + w), 3)
    return grid
