"""Each corner seed claims the cells nearer to it (in steps) than to any other seed and paints the even rings around it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    seeds = cells_of(content_mask(grid))
    out = np.zeros_like(grid)
    for (r, c), _ in np.ndenumerate(grid):
        steps = [abs(r - sr) + abs(c - sc) for sr, sc in seeds]
        if steps.count(min(steps)) == 1:
            sr, sc = seeds[int(np.argmin(steps))]
            if max(abs(r - sr), abs(c - sc)) % 2 == 0:
                out[r, c] = grid[sr, sc]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(6, 18))
    grid = np.zeros((size, size), dtype=int)
    corners = [(0, 0), (0, size - 1), (size - 1, 0), (size - 1, size - 1)]
    picks = rng.choice(4, size=int(rng.integers(2, 4)), replace=False)
    for k, color in zip(picks, _gen.colors(rng, len(picks))):
        grid[corners[k]] = color
    return grid
