"""Stack the colours of the lines, in order, into a square (one row or column per line)."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    lines = [obj for obj in find_objects(grid) if obj.color != 5]
    horizontal = largest(lines).width > largest(lines).height
    colors = list(dict.fromkeys(obj.color for obj in sort_by(lines, "top" if horizontal else "left")))
    out = np.tile(np.array(colors)[:, None], (1, len(colors)))
    return out if horizontal else transpose(out)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 8))
    gaps = rng.integers(1, 3, size=n + 1)
    H, W = int(gaps.sum()) + n, int(rng.integers(max(10, n + 4), 20))
    grid = np.zeros((H, W), dtype=int)
    rows = np.cumsum(gaps[:n] + 1) - 1
    for r, color in zip(rows, _gen.colors(rng, n, exclude=(0, 5))):
        grid[r] = color
    if H >= n + 2:
        r, c = int(rng.integers(1, H - n)), int(rng.integers(0, W - n - 1))
        grid[r - 1:r + n + 1, max(c - 1, 0):c + n + 1] = 0
        grid[r:r + n, c:c + n] = 5
    return grid if rng.random() < 0.5 else grid.T
