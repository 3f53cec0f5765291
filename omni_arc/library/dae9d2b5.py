"""Overlay the two halves: magenta wherever either half has a coloured cell."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    left, right = split_into(grid, 1, 2)
    return mask_to_grid((left > 0) | (right > 0), 6)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    left = (rng.random((3, 3)) < 0.4) * 4
    right = (rng.random((3, 3)) < 0.4) * 3
    return concat_horizontal(left, right)
