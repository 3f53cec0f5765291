"""Continue the vertically repeating blue pattern to 9 rows and paint it red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    p = period(grid, axis=0)
    rows = [grid[i % p] for i in range(9)]
    return replace_color(np.array(rows), 1, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    p = int(rng.integers(2, 4))
    motif = _gen.scatter(rng, p, 3, [1], density=0.5)
    motif[:, 1] = 1  # a spine keeps every row non-empty
    return np.array([motif[i % p] for i in range(6)])
