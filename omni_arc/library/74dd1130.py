"""Transpose the grid (mirror it along the main diagonal)."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return transpose(grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.choice(_gen.colors(rng, 3), size=(3, 3))
