"""Ring each of the four dots with the other colour and join the rings with grey dashes that start next to each ring."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r1, c1), (_, c2), (r2, _), _ = cells_of(content_mask(grid))
    out = grid.copy()
    for row in (r1, r2):
        for c in range(c1 + 2, c2 - 1):
            if min(c - c1 - 1, c2 - 1 - c) % 2:
                out[row, c] = 5
    for col in (c1, c2):
        for r in range(r1 + 2, r2 - 1):
            if min(r - r1 - 1, r2 - 1 - r) % 2:
                out[r, col] = 5
    a, b = unique_colors(grid, exclude=0)
    for r, c in cells_of(content_mask(grid)):
        ring = np.full((3, 3), a + b - grid[r, c])
        ring[1, 1] = grid[r, c]
        out = paste(out, ring, r - 1, c - 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(14, 18)), int(rng.integers(14, 19))
    r1, c1 = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    r2, c2 = int(rng.integers(r1 + 5, height - 1)), int(rng.integers(c1 + 5, width - 1))
    a, b = _gen.colors(rng, 2, exclude=(0, 5))
    grid = np.zeros((height, width), dtype=int)
    grid[r1, c1] = grid[r2, c2] = a
    grid[r1, c2] = grid[r2, c1] = b
    return grid
