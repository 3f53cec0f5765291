"""Flood the black corridor that holds the two-coloured seed, alternating its colours like a checkerboard."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r0, c0), (r1, c1) = [cells_of(grid, color)[0] for color in unique_colors(grid, exclude=[0, 8])]
    rows, cols = np.indices(grid.shape)
    same = (rows + cols) % 2 == (r0 + c0) % 2
    out = grid.copy()
    for region in components(grid != 8):
        if region[r0, c0]:
            out[region & same] = grid[r0, c0]
            out[region & ~same] = grid[r1, c1]
    return out
