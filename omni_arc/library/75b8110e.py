"""Overlay the four quarters: grey over magenta over maroon over yellow."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    yellow, grey, magenta, maroon = split_into(grid, 2, 2)
    return overlay(overlay(overlay(yellow, maroon), magenta), grey)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    quarters = [np.where(rng.random((4, 4)) < 0.45, color, 0) for color in (4, 5, 6, 9)]
    return concat_vertical(concat_horizontal(quarters[0], quarters[1]), concat_horizontal(quarters[2], quarters[3]))
