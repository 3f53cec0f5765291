"""Repeat the black shape diagonally toward the coloured marker, in the marker's colour, until the edge."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    bg = background_color(grid)
    cells = set(cells_of(grid, 0))
    (mr, mc), = cells_of((grid != bg) & (grid != 0))
    center = np.mean(list(cells), axis=0)
    dr, dc = int(np.sign(mr - center[0])), int(np.sign(mc - center[1]))
    # the smallest step that puts a shape cell on the marker without overlapping the shape
    step = next(k for k in range(1, 30) if (mr - k * dr, mc - k * dc) in cells
                and not {(r + k * dr, c + k * dc) for r, c in cells} & cells)
    out = grid.copy()
    for n in range(1, 30):
        for r, c in cells:
            rr, cc = r + n * step * dr, c + n * step * dc
            if 0 <= rr < grid.shape[0] and 0 <= cc < grid.shape[1]:
                out[rr, cc] = grid[mr, mc]
    return out
