"""Answer light blue if a chain of cells connects the two red squares, black otherwise."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    red = count_color(grid, 2)
    parts = find_objects(grid, by_color=False)
    joined = any(sum(grid[cell] == 2 for cell in part.cells) == red for part in parts)
    return np.array([[8 if joined else 0]])
