"""Count the empty rows left in the grey container and lay that many light-blue cells in a 3x3 snake."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    n = int((grid == 5).any(axis=1).sum() - (grid == 8).any(axis=1).sum() - 1)
    cells = np.zeros(9, dtype=int)
    cells[:n] = 8
    out = cells.reshape(3, 3)
    out[1] = out[1, ::-1]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    w, h = int(rng.integers(2, 6)), int(rng.integers(2, 8))
    fill_rows = int(rng.integers(max(1, h - 6), h))
    H, W = h + 1 + int(rng.integers(0, 3)), w + 2 + int(rng.integers(0, 3))
    grid = np.zeros((H, W), dtype=int)
    top, left = H - h - 1, int(rng.integers(0, W - w - 1))
    grid[top:H, left] = grid[top:H, left + w + 1] = 5
    grid[H - 1, left:left + w + 2] = 5
    grid[H - 1 - fill_rows:H - 1, left + 1:left + w + 1] = 8
    return grid
