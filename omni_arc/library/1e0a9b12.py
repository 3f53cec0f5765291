"""Everything falls to the bottom of its column."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return gravity(grid, "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(4, 8))
    return _gen.scatter(rng, size, size, _gen.colors(rng, 4), density=0.25)
