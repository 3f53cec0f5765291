"""Put the grid's left-right mirror image to its right."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return concat_horizontal(grid, flip_left_right(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.scatter(rng, 3, 3, [7], float(rng.uniform(0.1, 0.6)))
