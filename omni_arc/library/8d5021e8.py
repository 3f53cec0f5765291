"""Mirror the grid to the left, then stack it flipped, as is, and flipped again."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    block = mirror_extend(grid, "left")
    return concat_vertical(flip_top_bottom(block), block, flip_top_bottom(block))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 2, size=(3, 2)) * int(rng.integers(1, 10))
