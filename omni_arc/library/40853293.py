"""Join each pair of same-coloured dots with a line; vertical lines cross over horizontal ones."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    pairs = [cells_of(grid, color) for color in unique_colors(grid, exclude=0)]
    for (r1, c1), (r2, c2) in sorted(pairs, key=lambda pair: pair[0][1] == pair[1][1]):
        out = draw_line(out, (r1, c1), (r2, c2), grid[r1, c1])
    return out
