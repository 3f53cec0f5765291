"""Outline every magenta shape in green and fill the holes inside them with yellow."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = fill_mask(grid, outline(grid == 6, diagonal=True), 3)
    return fill_mask(out, enclosed_mask(grid, background=8), 4)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.full((15, 15), 8)
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(2, 8)), int(rng.integers(2, 8))
        spot = _gen.free_spot(rng, grid != 8, h, w, margin=2)
        if spot is None:
            continue
        r, c = spot
        grid[r:r + h, c:c + w] = 6
        if h > 2 and w > 2 and rng.random() < 0.7:
            grid[r + 1:r + h - 1, c + 1:c + w - 1] = 8
    return grid
