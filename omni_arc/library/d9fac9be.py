"""Answer with the colour at the centre of the 3x3 ring."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    ring = next(obj for obj in find_objects(grid) if count_holes(obj))
    return new_grid(1, 1, grid[holes(ring)[0].cells[0]])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(5, 13)), int(rng.integers(9, 13))
    outer, inner = _gen.colors(rng, 2)
    grid = np.zeros((height, width), dtype=int)
    r, c = int(rng.integers(0, height - 2)), int(rng.integers(0, width - 2))
    grid[r:r + 3, c:c + 3] = outer
    grid[r + 1, c + 1] = inner
    for _ in range(int(rng.integers(6, 16))):
        rr, cc = int(rng.integers(height)), int(rng.integers(width))
        if not grid[max(rr - 1, 0):rr + 2, max(cc - 1, 0):cc + 2].any():
            grid[rr, cc] = outer if rng.random() < 0.5 else inner
    return grid
