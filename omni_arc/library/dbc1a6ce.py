"""Join every two blue cells in the same row or column with a light-blue line."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return connect(grid, 1, 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(8, 20)), int(rng.integers(9, 22))
    return _gen.scatter(rng, height, width, [1], float(rng.uniform(0.06, 0.12)))
