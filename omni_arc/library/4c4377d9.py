"""Stack the upside-down grid on top of the grid."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return concat_vertical(flip_top_bottom(grid), grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.choice(_gen.colors(rng, 2), size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
