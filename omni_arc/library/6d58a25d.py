"""Under the chevron, every column holding a dot below it becomes a line of the dots' colour down to the bottom."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    chevron = largest(find_objects(grid, diagonal=True))
    dot = least_common_color(grid, exclude=[0, chevron.color])
    out = grid.copy()
    for c in range(chevron.left, chevron.right):
        low = max(r for r, cc in chevron.cells if cc == c) + 1
        if (grid[low:, c] == dot).any():
            out[low:, c] = dot
    return out


CHEVRON = np.array([[0, 0, 0, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0, 0], [0, 1, 1, 0, 1, 1, 0], [1, 0, 0, 0, 0, 0, 1]])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    for _ in range(100):
        size = int(rng.integers(14, 21))
        shape_color, dot = _gen.colors(rng, 2)
        r, c = int(rng.integers(1, size - 9)), int(rng.integers(0, size - 6))
        grid = _gen.scatter(rng, size, size, [dot], density=rng.uniform(0.03, 0.07))
        grid[max(r - 1, 0):r + 5, max(c - 1, 0):c + 8] = 0
        grid[r:r + 4, c:c + 7][CHEVRON == 1] = shape_color
        if 1 <= (grid[r + 4:, c:c + 7] == dot).any(axis=0).sum() <= 3:
            return grid
    raise RuntimeError("no dot fell under the chevron")
