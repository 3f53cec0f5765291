"""Inside the ragged frame, every row and column that is empty all the way across becomes green."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    inner = grid[1:-1, 1:-1] == 0
    empty = np.zeros_like(inner)
    empty[inner.all(axis=1), :] = True
    empty[:, inner.all(axis=0)] = True
    out = grid.copy()
    out[1:-1, 1:-1][empty] = 3
    return out
