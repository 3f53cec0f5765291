"""The grid is one block repeated three times side by side: output the block."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return split_into(grid, 1, 3)[0]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(2, 6))
    return tile(_gen.scatter(rng, size, size, _gen.colors(rng, 3), density=0.8), 1, 3)
