"""Recolour the green paths: three ends -> red, a single bend (L) -> blue, two bends (U) -> magenta."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for path in find_objects(grid):
        mask = path.grid_mask(grid.shape)
        ends = int((mask & (neighbor_count(mask, diagonal=False) == 1)).sum())
        if ends == 3:
            color = 2
        else:
            color = 1 if path.size == path.height + path.width - 1 else 6
        out = draw_object(out, path, color)
    return out
