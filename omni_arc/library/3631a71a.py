"""The carpet is symmetric about its centre (between rows and columns 15 and 16): repaint the maroon patches from their mirror images."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return complete_symmetry(grid, unknown=9, center=(15.5, 15.5))
