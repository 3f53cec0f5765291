"""Blow every cell up to a 2x2 block."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return scale_up(grid, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(2, 6))
    return _gen.scatter(rng, size, size, _gen.colors(rng, int(rng.integers(2, 6))), 0.6)
