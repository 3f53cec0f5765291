"""Grow each small cross: its arms extend to length two and its centre colour extends along both diagonals."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid, by_color=False):
        r, c = int(obj.center[0]), int(obj.center[1])
        center, arm = grid[r, c], grid[r - 1, c]
        out = draw_line(out, (r - 2, c), (r + 2, c), arm)
        out = draw_line(out, (r, c - 2), (r, c + 2), arm)
        out = draw_line(out, (r - 2, c - 2), (r + 2, c + 2), center)
        out = draw_line(out, (r - 2, c + 2), (r + 2, c - 2), center)
    return out
