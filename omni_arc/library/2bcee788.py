"""Mirror the shape across the side where the red marker sits (the mirror image covers the marker), on a green background."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    shape = object_from_mask(grid, (grid != 0) & (grid != 2))
    marker = object_from_mask(grid, grid == 2)
    dr, dc = direction_to(shape, marker)
    image = flip_vertical(shape.crop()) if dr else flip_horizontal(shape.crop())
    out = paste(replace_color(grid, 2, 0), image, shape.top + dr * shape.height, shape.left + dc * shape.width,
                transparent=0)
    return replace_color(out, 0, 3)
