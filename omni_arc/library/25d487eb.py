"""The odd-coloured cell at the base of the arrow shoots a ray of its colour out through the arrow's tip."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    arrow = find_objects(grid, by_color=False)[0]
    color = least_common_color(grid, exclude=0)
    r, c = cells_of(grid, color)[0]
    direction = (int(np.sign(arrow.center[0] - r)), int(np.sign(arrow.center[1] - c)))
    ray = draw_ray(np.zeros_like(grid), (r, c), direction, color)
    return overlay(ray, grid)
