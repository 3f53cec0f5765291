"""Move the red shape into the box marked by the four green corners."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 3)
    shape = object_from_mask(grid, grid == 2)
    return move(grid, shape, box.top + 1 - shape.top, box.left + 1 - shape.left)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(4, 7)), int(rng.integers(4, 7))
    H, W = int(rng.integers(h + 2, 11)), int(rng.integers(w + 2, 11))
    grid = np.zeros((H, W), dtype=int)
    top, left = int(rng.integers(0, H - h - 1)), int(rng.integers(0, W - w - 1))
    for r in (top, top + h + 1):
        for c in (left, left + w + 1):
            grid[r, c] = 3
    sw = int(rng.integers(3, w + 1))
    shape = _gen.shape(rng, h, sw, fill=0.55)
    while True:
        r, c = int(rng.integers(0, H - h + 1)), int(rng.integers(0, W - sw + 1))
        if (r, c) != (top + 1, left + 1) and not (grid[r:r + h, c:c + sw] != 0).any():
            break
    grid[r:r + h, c:c + sw][shape] = 2
    return grid
