"""Stack the three panels: yellow over maroon over blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    yellow, maroon, blue = split_by_lines(grid, 2)
    return overlay(overlay(blue, maroon), yellow)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    panels = [(rng.random((4, 4)) < rng.uniform(0.2, 0.7)) * color for color in (4, 9, 1)]
    bar = np.full((4, 1), 2)
    return concat_horizontal(panels[0], bar, panels[1], bar, panels[2])
