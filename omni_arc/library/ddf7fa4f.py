"""Paint each grey block with the colour of the marker on the top row above it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for block in select_by_color(find_objects(grid), 5):
        marker = next(grid[0, c] for c in range(block.left, block.right) if grid[0, c])
        out = draw_object(out, block, marker)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    markers = sorted(rng.choice(10, size=3, replace=False))
    for col, color in zip(markers, _gen.colors(rng, 3, exclude=(0, 5))):
        grid[0, col] = color
    for col in markers:
        if rng.random() < 0.15:
            continue
        for _ in range(10):
            h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
            r, c = int(rng.integers(2, 11 - h)), int(rng.integers(max(col - w + 1, 0), min(col, 10 - w) + 1))
            if not set(range(c, c + w)) & (set(markers) - {col}) and not grid[r - 1:r + h + 1, max(c - 1, 0):c + w + 1].any():
                grid[r:r + h, c:c + w] = 5
                break
    return grid
