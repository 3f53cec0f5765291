"""The 2x2 block shoots a trail of copies diagonally toward each of its red corners."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    block = find_objects(grid, by_color=False)[0]
    color = [c for c in block.colors if c != 2][0]
    out = grid.copy()
    for r, c in cells_of(grid, 2):
        dr = -1 if r == block.top else 1
        dc = -1 if c == block.left else 1
        for k in range(max(grid.shape)):
            top, left = block.top + k * dr, block.left + k * dc
            out = fill_rect(out, (top, left, top + 2, left + 2), color)
    return out
