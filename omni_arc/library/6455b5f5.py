"""Among the areas cut out by the red lines, fill the largest with blue and the smallest with light blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    areas = components(grid == 0)
    sizes = [area.sum() for area in areas]
    out = grid.copy()
    for area, size in zip(areas, sizes):
        if size == max(sizes):
            out[area] = 1
        elif size == min(sizes):
            out[area] = 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(10, 19)), int(rng.integers(12, 17))
    grid = np.zeros((H, W), dtype=int)
    boxes = [(0, 0, H, W)]
    for _ in range(int(rng.integers(3, 7))):
        areas = np.array([(b - t) * (r - l) for t, l, b, r in boxes], dtype=float)
        top, left, bottom, right = boxes.pop(int(rng.choice(len(boxes), p=areas ** 2 / (areas ** 2).sum())))
        if bottom - top >= 3 and (right - left < 3 or rng.random() < 0.5):
            r = int(rng.integers(top + 1, bottom - 1))
            grid[r, left:right] = 2
            boxes += [(top, left, r, right), (r + 1, left, bottom, right)]
        elif right - left >= 3:
            c = int(rng.integers(left + 1, right - 1))
            grid[top:bottom, c] = 2
            boxes += [(top, left, bottom, c), (top, c + 1, bottom, right)]
        else:
            boxes.append((top, left, bottom, right))
    sizes = [a.sum() for a in components(grid == 0)]
    return grid if len(set(sizes)) > 1 else None
