"""Paint every all-black row and column red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    out[(grid == 0).all(axis=1)] = 2
    out[:, (grid == 0).all(axis=0)] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(8, 28)), int(rng.integers(8, 26))
    grid = _gen.scatter(rng, height, width, [_gen.color(rng, exclude=(0, 2))], 0.75)
    for _ in range(int(rng.integers(1, 4))):
        if rng.random() < 0.5:
            grid[int(rng.integers(1, height - 1))] = 0
        else:
            grid[:, int(rng.integers(1, width - 1))] = 0
    return grid
