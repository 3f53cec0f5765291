"""Fill the inside of each rectangle marked by four yellow corners with red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    corners = cells_of(grid, 4)
    for r, c in corners:
        for r2, c2 in corners:
            if r2 > r and c2 > c and grid[r, c2] == 4 and grid[r2, c] == 4:
                out = fill_rect(out, (r + 1, c + 1, r2, c2), 2)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    rows, cols = rng.permutation(10), rng.permutation(10)
    for k in range(int(rng.integers(1, 3))):
        r, r2 = sorted(rows[2 * k:2 * k + 2])
        c, c2 = sorted(cols[2 * k:2 * k + 2])
        if r2 - r < 2 or c2 - c < 2 or grid[r:r2 + 1, c:c2 + 1].any():
            continue
        grid[[r, r, r2, r2], [c, c2, c, c2]] = 4
    return grid if grid.any() else None
