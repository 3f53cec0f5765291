"""Draw a copy of the frame around the other block of black cells shaped like its inside."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = least_common_color(grid)
    box = bbox(grid == color)
    h, w = box.height - 2, box.width - 2
    out = grid.copy()
    for r in range(1, grid.shape[0] - h):
        for c in range(1, grid.shape[1] - w):
            if (r, c) != (box.top + 1, box.left + 1) and not grid[r:r + h, c:c + w].any():
                out = draw_rect(out, (r - 1, c - 1, r + h + 1, c + w + 1), color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = 21
    while True:
        frame, *noise = _gen.colors(rng, 3)
        grid = np.where(rng.random((n, n)) < 0.3, 0, rng.choice(noise, size=(n, n), p=[0.75, 0.25]))
        h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        (r1, c1), (r2, c2) = rng.integers(1, n - 6, size=(2, 2)).tolist()
        if h * w < 6 or (abs(r1 - r2) < h + 2 and abs(c1 - c2) < w + 2):
            continue
        grid[r1:r1 + h, c1:c1 + w] = 0
        grid[r2:r2 + h, c2:c2 + w] = 0
        grid = draw_rect(grid, (r1 - 1, c1 - 1, r1 + h + 1, c1 + w + 1), frame)
        blocks = sum(not grid[r:r + h, c:c + w].any() for r in range(1, n - h) for c in range(1, n - w))
        if blocks == 2 and least_common_color(grid) == frame:
            return grid
