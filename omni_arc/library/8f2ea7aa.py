"""Make a fractal: put a copy of the 3x3 shape in each 3x3 block where the shape itself has a cell."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    box = bbox(grid)
    r, c = box.top // 3 * 3, box.left // 3 * 3
    shape = grid[r:r + 3, c:c + 3]
    return np.where(scale_up(shape != 0, 3), tile(shape, 3, 3), 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    shape = (rng.random((3, 3)) < 0.5) * int(rng.integers(1, 10))
    shape[int(rng.integers(3)), int(rng.integers(3))] = shape.max() or int(rng.integers(1, 10))
    r, c = 3 * int(rng.integers(3)), 3 * int(rng.integers(3))
    grid[r:r + 3, c:c + 3] = shape
    return grid
