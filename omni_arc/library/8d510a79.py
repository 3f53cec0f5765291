"""Red cells grow into lines up to the grey line; blue cells grow away from it to the edge."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    line = np.flatnonzero((grid == 5).all(axis=1))[0]
    out = grid.copy()
    for r, c in cells_of(grid, 2):
        out = draw_line(out, (r, c), (line - 1 if r < line else line + 1, c), 2)
    for r, c in cells_of(grid, 1):
        out = draw_line(out, (r, c), (0 if r < line else len(grid) - 1, c), 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = 10
    grid = np.zeros((size, size), dtype=int)
    line = int(rng.integers(3, 7))
    grid[line] = 5
    cols = rng.permutation(size)[:int(rng.integers(4, 9))]
    for c in cols:
        side = [r for r in range(size) if r != line]
        grid[int(rng.choice(side)), c] = int(rng.choice([1, 2]))
    return grid
