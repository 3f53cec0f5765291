"""Delete every cell that has no other coloured cell among its eight neighbours."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_mask(grid, neighbor_count(grid != 0, diagonal=True) == 0, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 19)), int(rng.integers(9, 19))
    return _gen.scatter(rng, h, w, [_gen.color(rng)], density=rng.uniform(0.1, 0.25))
