"""The pattern is mirror-symmetric: reveal what the green patch hides."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return crop(complete_symmetry(grid, unknown=3), bbox(grid == 3))
