"""Compare the halves above and below the yellow line: green where exactly one of them is coloured."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    top, bottom = split_by_lines(grid, 4)
    return mask_to_grid((top != 0) != (bottom != 0), 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    halves = [_gen.scatter(rng, 6, 5, [2], density=0.5) for _ in range(2)]
    return concat_vertical(halves[0], new_grid(1, 5, 4), halves[1])
