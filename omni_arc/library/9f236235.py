"""Summarise the blocks between the lines as one cell each, mirrored left to right."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    cells = split_by_lines(grid, flat=False)
    return flip_left_right(np.array([[most_common_color(cell) for cell in row] for row in cells]))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n, size = int(rng.integers(3, 5)), int(rng.integers(2, 6))
    line, *palette = _gen.colors(rng, 4)
    blocks = np.where(rng.random((n, n)) < 0.4, rng.choice(palette[:int(rng.integers(1, 4))], size=(n, n)), 0)
    cells = [[np.full((size, size), color) for color in row] for row in blocks]
    return join_by_lines(cells, line)
