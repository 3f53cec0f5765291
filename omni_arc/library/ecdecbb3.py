"""Each red dot shoots a red line to the nearest light-blue wall in each direction, which gets a 3x3 knot around the hit."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    knot = np.array([[8, 8, 8], [8, 2, 8], [8, 8, 8]])
    height, width = grid.shape
    out = grid.copy()
    for r, c in cells_of(grid, 2):
        for dr, dc in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
            rr, cc = r + dr, c + dc
            while 0 <= rr < height and 0 <= cc < width and grid[rr, cc] != 8:
                rr, cc = rr + dr, cc + dc
            if 0 <= rr < height and 0 <= cc < width:
                out = draw_line(out, (r, c), (rr, cc), 2)
                out = paste(out, knot, rr - 1, cc - 1)
    return out
