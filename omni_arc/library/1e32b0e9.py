"""The top-left room shows a shape: draw it in the wall colour in every other room, keeping what is already there."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    wall = separator_color(grid)
    rooms = split_by_lines(grid, wall, flat=False)
    shape = rooms[0][0] != 0
    return join_by_lines([[np.where(shape & (room == 0), wall, room) for room in row] for row in rooms], wall)
