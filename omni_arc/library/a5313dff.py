"""Fill every area enclosed by the red walls with blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return fill_enclosed(grid, 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(6, 13))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        r, c = int(rng.integers(0, size - h + 1)), int(rng.integers(0, size - w + 1))
        grid = draw_rect(grid, (r, c, r + h, c + w), 2)
        if h > 4 and w > 4 and rng.random() < 0.5:
            grid[r + h // 2, c + w // 2] = 2
    return grid
