"""Light-blue lines run from their markers across the grid, stepping one cell away from the red side at each red marker."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    # turn the grid so the light-blue markers are on the top row and the red ones on the left column
    k = next(k for k in range(8) if (dihedral(grid, k)[0] == 8).any() and (dihedral(grid, k)[:, 0] == 2).any())
    g = dihedral(grid, k)
    out = g.copy()
    offset = np.cumsum(g[:, 0] == 2)
    for c in np.nonzero(g[0] == 8)[0]:
        for r in range(g.shape[0]):
            if c + offset[r] < g.shape[1]:
                out[r, c + offset[r]] = 8
    return undo_dihedral(out, k)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(10, 18)), int(rng.integers(10, 18))
    grid = np.zeros((height, width), dtype=int)
    start = int(rng.integers(1, 3))
    lines = [c for c in range(start, width - 1, 2) if rng.random() < 0.6] or [start]
    grid[0, lines] = 8
    reds = sorted(rng.choice(np.arange(2, height - 1), size=int(rng.integers(1, 4)), replace=False))
    grid[reds, 0] = 2
    return undo_dihedral(grid, int(rng.integers(8)))
