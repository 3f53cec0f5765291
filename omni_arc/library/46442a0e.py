"""Tile the grid 2x2 with its quarter turns, rotating clockwise around the centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    top = concat_horizontal(grid, rotate(grid, 1))
    bottom = concat_horizontal(rotate(grid, 3), rotate(grid, 2))
    return concat_vertical(top, bottom)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(2, 5))
    return rng.choice(_gen.colors(rng, int(rng.integers(2, 4)), exclude=()), size=(n, n))
