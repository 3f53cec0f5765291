"""Compare the two halves split by the blue column: light blue where both halves are empty."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    left, right = split_by_lines(grid, 1)
    return mask_to_grid((left == 0) & (right == 0), 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    halves = [_gen.scatter(rng, 5, 3, [9], density=0.6) for _ in range(2)]
    return concat_horizontal(halves[0], new_grid(5, 1, 1), halves[1])
