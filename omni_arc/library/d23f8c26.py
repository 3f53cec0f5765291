"""Keep only the middle column."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    middle = grid.shape[1] // 2
    out = np.zeros_like(grid)
    out[:, middle] = grid[:, middle]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([3, 5, 7]))
    return _gen.scatter(rng, size, size, range(1, 10), float(rng.uniform(0.3, 0.6)))
