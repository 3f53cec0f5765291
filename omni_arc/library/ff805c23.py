"""The pattern is mirror-symmetric: reveal what the blue patch hides."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return crop(complete_symmetry(grid, unknown=1), bbox(grid == 1))
