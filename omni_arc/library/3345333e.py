"""Remove the solid rectangle covering part of the mirror-symmetric shape and restore the hidden half of the shape."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cover = max_by([o for o in find_objects(grid) if o.is_rectangle], "size")
    clean = erase(grid, cover)
    # the mirror axis is the middle of the rows that the cover does not touch
    free = [c for r, c in cells_of(clean != 0) if not cover.top <= r < cover.bottom]
    axis = (min(free) + max(free)) / 2
    return complete_symmetry(clean, unknown=0, kinds=["left_right"], center=(0, axis))
