"""Draw a grey line by the number of colours: one, the top row; two, the diagonal; three, the anti-diagonal."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    n = count_colors(grid)
    if n == 1:
        return concat_vertical(new_grid(1, 3, 5), new_grid(2, 3))
    diagonal = mask_to_grid(np.eye(3, dtype=bool), 5)
    return diagonal if n == 2 else flip_left_right(diagonal)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(1, 4))
    while True:
        grid = rng.choice(rng.choice([2, 3, 4], size=n, replace=False), size=(3, 3))
        if count_colors(grid) == n:
            return grid
