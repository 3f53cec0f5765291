"""Rotate the grid a quarter turn counter-clockwise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return rotate(grid, -1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.scatter(rng, 3, 3, [_gen.color(rng)], float(rng.uniform(0.3, 0.7)))
