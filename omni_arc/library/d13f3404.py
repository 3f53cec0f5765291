"""In a 6x6 grid, every cell slides down-right diagonally, leaving a trail."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = paste(new_grid(6, 6), grid, 0, 0)
    for r, c in cells_of(content_mask(grid)):
        out = draw_ray(out, (r, c), "down_right", grid[r, c])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 3), dtype=int)
    for diagonal in rng.choice(5, size=int(rng.integers(1, 5)), replace=False):
        cells = [(r, r + diagonal - 2) for r in range(3) if 0 <= r + diagonal - 2 < 3]
        grid[cells[int(rng.integers(len(cells)))]] = _gen.color(rng)
    return grid
