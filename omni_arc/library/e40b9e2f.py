"""Complete the figure so it looks the same after every quarter turn, around the centre that needs the fewest new cells."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    def completed(cr, cc):
        out = grid.copy()
        for r0, c0 in cells_of(content_mask(grid)):
            r, c = r0, c0
            for _ in range(3):
                r, c = int(cr + c - cc), int(cc - r + cr)
                if not in_grid(grid, r, c) or out[r, c] not in (0, grid[r0, c0]):
                    return None
                out[r, c] = grid[r0, c0]
        return out

    box = bbox(grid)
    candidates = []
    for cr2 in range(2 * box.top, 2 * box.bottom - 1):
        for cc2 in range(2 * box.left, 2 * box.right - 1):
            if (cr2 - cc2) % 2 == 0:
                candidates.append(completed(cr2 / 2, cc2 / 2))
    return min((c for c in candidates if c is not None), key=np.count_nonzero)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.choice([3, 4, 5]))
    palette = [0] + _gen.colors(rng, 2)
    figure = np.full((size, size), -1)
    for r in range(size):
        for c in range(size):
            if figure[r, c] < 0:
                v = rng.choice(palette, p=[0.3, 0.35, 0.35])
                for rr, cc in [(r, c), (c, size - 1 - r), (size - 1 - r, size - 1 - c), (size - 1 - c, r)]:
                    figure[rr, cc] = v
    full = paste(np.zeros((10, 10), dtype=int), figure, int(rng.integers(1, 9 - size)), int(rng.integers(1, 9 - size)))
    grid = np.where(rng.random(full.shape) < 0.35, 0, full)
    return grid if grid.any() and np.array_equal(task(grid), full) else None
