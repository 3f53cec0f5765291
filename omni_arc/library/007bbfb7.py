"""Each coloured cell of the 3x3 input becomes a copy of the whole input; empty cells become empty 3x3 blocks."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = grid.shape[0]
    return np.where(scale_up(grid, n) != 0, tile(grid, n, n), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.scatter(rng, 3, 3, [_gen.color(rng)], density=rng.uniform(0.3, 0.7))
