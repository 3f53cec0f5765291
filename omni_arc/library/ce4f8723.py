"""Overlay the two halves: green wherever either half has a coloured cell."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    top, bottom = split_by_lines(grid, 4)
    return mask_to_grid((top > 0) | (bottom > 0), 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    top = (rng.random((4, 4)) < 0.5).astype(int)
    bottom = (rng.random((4, 4)) < 0.5).astype(int) * 2
    return concat_vertical(top, np.full((1, 4), 4), bottom)
