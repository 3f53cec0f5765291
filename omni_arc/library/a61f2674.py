"""Keep only the tallest grey bar, in blue, and the shortest, in red."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    bars = find_objects(grid)
    out = draw_object(np.zeros_like(grid), largest(bars), 1)
    return draw_object(out, smallest(bars), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((9, 9), dtype=int)
    cols = rng.choice(np.arange(0, 9, 2), size=int(rng.integers(3, 6)), replace=False)
    heights = rng.choice(np.arange(1, 10), size=len(cols), replace=False)
    for c, h in zip(cols, heights):
        grid[9 - h:, c] = 5
    return grid
