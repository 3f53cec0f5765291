"""From each outer corner of the wall, shoot a diagonal ray away from it in the colour of the shape inside."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    def area(color):
        box = bbox(grid == color)
        return box.height * box.width

    wall, inner = sorted(unique_colors(grid, exclude=0), key=area, reverse=True)

    def is_wall(r, c):
        return 0 <= r < grid.shape[0] and 0 <= c < grid.shape[1] and grid[r, c] == wall

    out = grid.copy()
    for r, c in cells_of(grid, wall):
        if (is_wall(r - 1, c) or is_wall(r + 1, c)) and (is_wall(r, c - 1) or is_wall(r, c + 1)):
            out = draw_ray(out, (r, c), (1 if is_wall(r - 1, c) else -1, 1 if is_wall(r, c - 1) else -1), inner)
    return out
