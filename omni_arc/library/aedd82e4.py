"""Turn every lone red cell blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid
    for cell in select_by_size(find_objects(grid), 1):
        out = draw_object(out, cell, 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    shape = (int(rng.integers(3, 6)), int(rng.integers(3, 6)))
    return np.where(rng.random(shape) < 0.45, 2, 0)
