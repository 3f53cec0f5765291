"""Keep only the cell whose colour appears once, ringed with red; clear everything else."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = [c for c, n in color_counts(grid, exclude=0).items() if n == 1][0]
    r, c = cells_of(grid, color)[0]
    out = fill_rect(np.zeros_like(grid), (r - 1, c - 1, r + 2, c + 2), 2)
    out[r, c] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    unique, *palette = _gen.colors(rng, 6)
    grid = _gen.scatter(rng, 10, 10, palette, density=0.3)
    for color, n in color_counts(grid, exclude=0).items():
        if n == 1:  # only one colour may appear exactly once
            grid[grid == color] = 0
    grid[int(rng.integers(1, 9)), int(rng.integers(1, 9))] = unique
    return grid
