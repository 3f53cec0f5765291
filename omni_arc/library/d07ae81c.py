"""Shoot diagonal rays from each marker; on each background area they take that area's marker colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    counts = color_counts(grid)
    areas = sorted(counts, key=counts.get)[-2:]
    markers = [(r, c) for (r, c), v in np.ndenumerate(grid) if v not in areas]
    paint = {}
    for r, c in markers:
        around = grid[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2]
        paint[most_common_color(around, exclude=grid[r, c])] = grid[r, c]
    out = grid.copy()
    for r, c in markers:
        for direction in ["up_left", "up_right", "down_left", "down_right"]:
            for rr, cc in walk(grid, (r, c), direction, walls=()):
                out[rr, cc] = paint.get(grid[rr, cc], out[rr, cc])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    height, width = int(rng.integers(10, 20)), int(rng.integers(10, 20))
    a, b, mark_a, mark_b = _gen.colors(rng, 4)
    grid = np.full((height, width), a)
    for _ in range(int(rng.integers(1, 3))):
        r, h = int(rng.integers(0, height - 3)), int(rng.integers(3, 6))
        grid[r:r + h] = b
    for _ in range(int(rng.integers(1, 3))):
        c, w = int(rng.integers(0, width - 3)), int(rng.integers(3, 6))
        grid[:, c:c + w] = b
    counts = color_counts(grid)
    if len(counts) < 2:
        return None
    for area, mark in [(a, mark_a), (b, mark_b), (a if rng.random() < 0.5 else b, None)]:
        inner = [(r, c) for r, c in cells_of(grid, area) if 0 < r < height - 1 and 0 < c < width - 1
                 and (grid[r - 1:r + 2, c - 1:c + 2] == area).all()]
        if not inner:
            if mark is not None:
                return None
            continue
        r, c = inner[int(rng.integers(len(inner)))]
        grid[r, c] = mark if mark is not None else (mark_a if area == a else mark_b)
    return grid
