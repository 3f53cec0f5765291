"""Keep only the solid rectangle hidden in the noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    boxes = {color: largest_rectangle(grid == color, 2, 2) for color in unique_colors(grid, exclude=0)}
    color = max((c for c in boxes if boxes[c]), key=lambda c: boxes[c].height * boxes[c].width)
    return fill_rect(new_grid(*grid.shape), boxes[color], color)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.where(rng.random((16, 16)) < 0.35, rng.integers(1, 10, size=(16, 16)), 0)
    h, w = int(rng.integers(2, 6)), int(rng.integers(3, 8))
    r, c = int(rng.integers(1, 15 - h)), int(rng.integers(1, 15 - w))
    color = int(rng.integers(1, 10))
    ring = grid[r - 1:r + h + 1, c - 1:c + w + 1]
    ring[ring == color] = 0
    grid[r:r + h, c:c + w] = color
    boxes = [largest_rectangle(grid == k, 2, 2) for k in unique_colors(grid, exclude=0)]
    if sum(bool(box) and box.height * box.width >= h * w for box in boxes) > 1:
        return None
    return grid
