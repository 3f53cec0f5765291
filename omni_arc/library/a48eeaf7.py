"""Slide each grey cell straight or diagonally toward the red square until it touches it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    block = select_by_color(objects, 2)[0]
    out = grid
    for dot in select_by_color(objects, 5):
        out = slide(out, dot, direction_to(dot, block))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    r, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    grid[r:r + 2, c:c + 2] = 2
    for dr, dc in DIRECTIONS.values():
        if rng.random() < 0.4:
            # the cell next to the square on that side (either of the two along a side), then further out
            row = r - 1 if dr < 0 else r + 2 if dr > 0 else r + int(rng.integers(2))
            col = c - 1 if dc < 0 else c + 2 if dc > 0 else c + int(rng.integers(2))
            k = int(rng.integers(1, 7))
            if 0 <= row + k * dr < 10 and 0 <= col + k * dc < 10:
                grid[row + k * dr, col + k * dc] = 5
    return grid if (grid == 5).any() else None
