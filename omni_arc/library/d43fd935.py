"""Every cell in line with the green square shoots a line of its colour up to the square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    square = bbox(grid == 3)
    out = grid.copy()
    for r, c in cells_of(content_mask(grid)):
        if grid[r, c] == 3:
            continue
        if square.top <= r < square.bottom:
            end = (r, square.left - 1) if c < square.left else (r, square.right)
        elif square.left <= c < square.right:
            end = (square.top - 1, c) if r < square.top else (square.bottom, c)
        else:
            continue
        out = draw_line(out, (r, c), end, grid[r, c])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    r, c = int(rng.integers(1, 8)), int(rng.integers(1, 8))
    grid[r:r + 2, c:c + 2] = 3
    palette = _gen.colors(rng, 2, exclude=(0, 3))
    lines = set()
    for _ in range(int(rng.integers(4, 10))):
        rr, cc = int(rng.integers(10)), int(rng.integers(10))
        line = ("row", rr) if r <= rr < r + 2 else ("col", cc) if c <= cc < c + 2 else None
        if grid[max(rr - 1, 0):rr + 2, max(cc - 1, 0):cc + 2].any() or (line and line in lines):
            continue
        lines.add(line)
        grid[rr, cc] = int(rng.choice(palette))
    return grid
