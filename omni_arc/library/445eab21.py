"""Output a 2x2 square in the colour of the larger hollow rectangle."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    biggest = max_by(find_objects(grid), lambda o: o.height * o.width)
    return new_grid(2, 2, biggest.color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    sizes = set()
    for color in _gen.colors(rng, 2):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None and h * w not in sizes:
            sizes.add(h * w)
            grid = draw_rect(grid, (spot[0], spot[1], spot[0] + h, spot[1] + w), color)
    return grid
