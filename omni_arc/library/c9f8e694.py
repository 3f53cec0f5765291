"""Paint each grey cell with the colour of its row's leftmost cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return np.where(grid == 5, grid[:, :1], grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = 12
    grid = np.zeros((size, size), dtype=int)
    grid[:, 0] = rng.choice(_gen.colors(rng, 2, exclude=(0, 5)), size=size)
    grid[0, 0] = 0 if rng.random() < 0.5 else grid[0, 0]
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(2, 8)), int(rng.integers(2, 7))
        r, c = int(rng.integers(0, size - h + 1)), int(rng.integers(2, size - w + 1))
        grid[r:r + h, c:c + w] = 5
    return grid
