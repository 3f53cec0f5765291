"""Tile the grid 2x2 with its quarter turns, rotating clockwise around the centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    top = concat_horizontal(grid, rotate(grid, 1))
    bottom = concat_horizontal(rotate(grid, 3), rotate(grid, 2))
    return concat_vertical(top, bottom)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.choice([0] + _gen.colors(rng, 3), size=(3, 3))
