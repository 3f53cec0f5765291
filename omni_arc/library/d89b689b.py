"""Pull the four scattered dots into the corners of the light-blue square nearest to them."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    square = bbox(grid == 8)
    out = np.zeros_like(grid)
    for r, c in cells_of(content_mask(grid) & (grid != 8)):
        row = square.top if r < square.top else square.bottom - 1
        col = square.left if c < square.left else square.right - 1
        out[row, col] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    r, c = int(rng.integers(1, 8)), int(rng.integers(1, 8))
    grid[r:r + 2, c:c + 2] = 8
    for rows, cols, color in zip([(0, r), (0, r), (r + 2, 10), (r + 2, 10)], [(0, c), (c + 2, 10), (0, c), (c + 2, 10)],
                                 _gen.colors(rng, 4, exclude=(0, 8))):
        grid[int(rng.integers(*rows)), int(rng.integers(*cols))] = color
    return grid
