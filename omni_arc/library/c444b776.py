"""Copy the one drawn cell of the yellow-lined grid into every other cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    cells = split_by_lines(grid, 4, flat=False)
    drawn = max((cell for row in cells for cell in row), key=np.count_nonzero)
    return join_by_lines([[drawn for _ in row] for row in cells], 4)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(5, 10))
    rows, cols = [(1, 2), (2, 1), (2, 2), (2, 3), (1, 3)][int(rng.integers(5))]
    cells = [[np.zeros((size, size), dtype=int) for _ in range(cols)] for _ in range(rows)]
    drawn = _gen.scatter(rng, size, size, _gen.colors(rng, int(rng.integers(2, 5)), exclude=(0, 4)), 0.15)
    drawn[int(rng.integers(size)), int(rng.integers(size))] = _gen.color(rng, exclude=(0, 4))
    cells[int(rng.integers(rows))][int(rng.integers(cols))] = drawn
    return join_by_lines(cells, 4)
