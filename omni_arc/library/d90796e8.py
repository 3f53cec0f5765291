"""Where a green cell touches a red one, the green turns light blue and the red disappears."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    green, red = grid == 3, grid == 2
    out = np.where(green & neighbors(red, diagonal=False), 8, grid)
    out[red & neighbors(green, diagonal=False)] = 0
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(3, 10)), int(rng.integers(3, 10))
    grid = np.zeros((height, width), dtype=int)
    for _ in range(int(rng.integers(3, 10))):
        r, c = int(rng.integers(height)), int(rng.integers(width))
        if grid[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2].any():
            continue
        grid[r, c] = int(rng.choice([2, 3, 5]))
        dr, dc = [(0, 1), (1, 0)][int(rng.integers(2))]
        if grid[r, c] != 5 and rng.random() < 0.5 and r + dr < height and c + dc < width:
            grid[r + dr, c + dc] = 5 - grid[r, c]
    return grid
