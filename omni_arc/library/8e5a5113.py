"""Fill the second and third panels with the first panel turned once and twice clockwise."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    block = grid[:, :3]
    out = grid.copy()
    out[:, 4:7] = rotate(block, 1)
    out[:, 8:11] = rotate(block, 2)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 11), dtype=int)
    grid[:, [3, 7]] = 5
    grid[:, :3] = rng.choice(rng.choice([1, 2, 3, 4, 6, 7, 8, 9], size=3, replace=False), size=(3, 3))
    return grid
