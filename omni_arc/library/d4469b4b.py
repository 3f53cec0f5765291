"""Draw the grey symbol of the grid's colour: blue -> plus, red -> T, green -> corner at the bottom right."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    symbols = {
        1: [[0, 1, 0], [1, 1, 1], [0, 1, 0]],
        2: [[1, 1, 1], [0, 1, 0], [0, 1, 0]],
        3: [[0, 0, 1], [0, 0, 1], [1, 1, 1]],
    }
    color = unique_colors(grid, exclude=0)[0]
    return mask_to_grid(np.array(symbols[color], dtype=bool), 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.scatter(rng, 5, 5, [int(rng.integers(1, 4))], float(rng.uniform(0.35, 0.6)))
