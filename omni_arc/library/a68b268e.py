"""Overlay the four quadrants, top-left on top, then top-right, bottom-left and bottom-right."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    top_left, top_right, bottom_left, bottom_right = split_by_lines(grid, 1)
    return overlay(overlay(overlay(bottom_right, bottom_left), top_right), top_left)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    quads = [(rng.random((4, 4)) < rng.uniform(0.3, 0.7)) * color for color in (7, 4, 8, 6)]
    return join_by_lines([quads[:2], quads[2:]], 1)
