"""A fixed colour substitution: 1<->5, 2<->6, 3<->4, 8<->9."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return color_map(grid, {1: 5, 5: 1, 2: 6, 6: 2, 3: 4, 4: 3, 8: 9, 9: 8})


def generate_input(rng: np.random.Generator) -> np.ndarray:
    row = rng.choice([1, 2, 3, 4, 5, 6, 8, 9], size=3, replace=False)
    return np.tile(row, (3, 1))
