"""Fill the columns of the coloured cells with light blue, then tile the result 2x2."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = np.where((grid == 0) & (grid != 0).any(axis=0), 8, grid)
    return tile(out, 2, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(2, 7))
    return _gen.scatter(rng, size, size, [_gen.color(rng, exclude=(0, 8))], float(rng.uniform(0.1, 0.3)))
