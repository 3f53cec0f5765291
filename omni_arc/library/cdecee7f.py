"""Read the scattered cells from left to right into a 3x3 grid, snaking (the middle row right to left)."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    cells = sorted(cells_of(content_mask(grid)), key=lambda cell: cell[1])
    values = [grid[r, c] for r, c in cells] + [0] * (9 - len(cells))
    out = np.array(values).reshape(3, 3)
    out[1] = out[1, ::-1]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    n = int(rng.integers(3, 10))
    for col in rng.choice(10, size=n, replace=False):
        grid[int(rng.integers(10)), col] = _gen.color(rng)
    return grid
