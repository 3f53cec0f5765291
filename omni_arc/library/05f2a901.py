"""Slide the red shape toward the light-blue square until they touch."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    red = object_from_mask(grid, grid == 2)
    square = object_from_mask(grid, grid == 8)
    return slide(grid, red, direction_to(red, square))
