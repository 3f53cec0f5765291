"""Join the red cell to the green cell with a light-blue path: along the red cell's row, then down or up."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    (r2, c2), (r3, c3) = cells_of(grid, 2)[0], cells_of(grid, 3)[0]
    out = draw_line(grid, (r2, c2), (r2, c3), 8)
    out = draw_line(out, (r2, c3), (r3, c3), 8)
    out[r2, c2], out[r3, c3] = 2, 3
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(8, 16)), int(rng.integers(8, 17))
    grid = np.zeros((H, W), dtype=int)
    rows, cols = rng.choice(H, size=2, replace=False), rng.choice(W, size=2, replace=False)
    grid[rows[0], cols[0]], grid[rows[1], cols[1]] = 2, 3
    return grid
