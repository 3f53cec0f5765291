"""Overlay the two halves split by the grey column: red where both halves are blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    left, right = split_by_lines(grid, 5)
    return mask_to_grid((left == 1) & (right == 1), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    halves = [_gen.scatter(rng, 3, 3, [1], density=0.5) for _ in range(2)]
    return concat_horizontal(halves[0], new_grid(3, 1, 5), halves[1])
