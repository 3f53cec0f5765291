"""The lines cut the grid into parts: output the part that contains the odd cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return max(split_by_lines(grid), key=count_colors)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    half = int(rng.integers(2, 8))
    back, line, odd = _gen.colors(rng, 3, exclude=())
    grid = np.full((2 * half + 1, 2 * half + 1), back)
    grid[half, :] = grid[:, half] = line
    off_line = [i for i in range(2 * half + 1) if i != half]
    grid[int(rng.choice(off_line)), int(rng.choice(off_line))] = odd
    return grid
