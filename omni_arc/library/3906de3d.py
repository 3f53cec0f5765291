"""The red bars rise until they hit the blue shape above them."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return gravity(grid, "up")
