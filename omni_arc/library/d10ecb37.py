"""Keep the top-left 2x2 corner."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop(grid, (0, 0, 2, 2))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = 2 * int(rng.integers(2, 7)), 2 * int(rng.integers(2, 5))
    return rng.choice(_gen.colors(rng, int(rng.integers(3, 5)), exclude=()), size=(height, width))
