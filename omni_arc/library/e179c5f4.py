"""From the blue cell in the bottom-left corner, bounce a blue diagonal up between the side walls; the rest is light blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    height, width = grid.shape
    out = new_grid(height, width, 8)
    bounce = max(2 * (width - 1), 1)
    for k in range(height):
        p = k % bounce
        out[height - 1 - k, min(p, bounce - p)] = 1
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, int(rng.integers(2, 7))), dtype=int)
    grid[-1, 0] = 1
    return grid
