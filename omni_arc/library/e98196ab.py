"""Overlay the two halves separated by the grey line."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    top, bottom = split_by_lines(grid, 5)
    return overlay(top, bottom)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    a, b = _gen.colors(rng, 2, exclude=(0, 5))
    top = _gen.scatter(rng, 5, 11, [a], 0.2)
    bottom = np.where(top > 0, 0, _gen.scatter(rng, 5, 11, [b], 0.2))
    return concat_vertical(top, np.full((1, 11), 5), bottom)
