"""Each dot in the top row starts a zigzag down the grid: the dot's column and its two neighbours, alternately."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for c in np.nonzero(grid[0])[0]:
        color = grid[0, c]
        zigzag = tile([[0, color, 0], [color, 0, color]], grid.shape[0] // 2 + 1, 1)
        out = paste(out, zigzag, 0, c - 1, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((6, int(rng.integers(5, 13))), dtype=int)
    c = int(rng.integers(1, 3))
    while c < grid.shape[1] - 1:
        grid[0, c] = _gen.color(rng)
        c += int(rng.integers(4, 6))
    return grid
