"""Each black hole in a colour band becomes a black line across that band."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    if any(count_colors(row[None], exclude=0) > 1 for row in grid):
        return transpose(task(transpose(grid)))
    band = np.array([most_common_color(row[None], exclude=0) for row in grid])
    out = grid.copy()
    for r, c in cells_of(grid, 0):
        out[band == band[r], c] = 0
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    n = int(rng.integers(2, 5))
    sizes = rng.integers(3, 8, size=n)
    width = int(rng.integers(10, 20))
    palette = _gen.colors(rng, n)
    grid = np.zeros((int(sizes.sum()), width), dtype=int)
    top = 0
    for size, color in zip(sizes, palette):
        grid[top:top + size] = color
        for _ in range(int(rng.integers(0, 3))):
            grid[top + int(rng.integers(size)), int(rng.integers(width))] = 0
        top += size
    if grid.all():
        return None
    return grid if rng.random() < 0.5 else grid.T
