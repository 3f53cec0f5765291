"""Join each two same-coloured dots on a diagonal with a line of their colour."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for color in unique_colors(grid, exclude=0):
        out = connect(out, color, lines="diagonal")
    return out
