"""Lift every block up by its own height."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = new_grid(*grid.shape)
    for obj in find_objects(grid):
        out = draw_object(out, obj.moved(-obj.height, 0))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((15, 15), dtype=int)
    widths = rng.integers(1, 5, size=3)
    gaps = rng.multinomial(15 - widths.sum() - 2, [0.25] * 4) + np.array([0, 1, 1, 0])
    c = 0
    for k, color in enumerate(rng.permutation([1, 2, 4])):
        c += gaps[k]
        h = int(rng.integers(1, 8))
        grid[15 - h:, c:c + widths[k]] = color
        c += widths[k]
    return grid
