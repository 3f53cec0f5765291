"""Shoot diagonal rays from each marker; on each background area they take that area's marker colour."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    counts = color_counts(grid)
    areas = sorted(counts, key=counts.get)[-2:]
    markers = [(r, c) for (r, c), v in np.ndenumerate(grid) if v not in areas]
    paint = {}
    for r, c in markers:
        around = grid[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2]
        paint[most_common_color(around, exclude=grid[r, c])] = grid[r, c]
    out = grid.copy()
    for r, c in markers:
        for dr, dc in [(-1, -1), (-1, 1), (1, -1), (1, 1)]:
            rr, cc = r + dr, c + dc
            while 0 <= rr < grid.shape[0] and 0 <= cc < grid.shape[1]:
                out[rr, cc] = paint.get(grid[rr, cc], out[rr, cc])
                rr, cc = rr + dr, cc + dc
    return out
