"""From the red cell on each green bar's edge, shoot a red line out to the border, flanked by green as wide as the bar."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for bar in find_objects(grid, by_color=False):
        r, c = next(cell for cell in bar.cells if grid[cell] == 2)
        t = min(bar.shape)
        if bar.width > bar.height:
            top, bottom = (0, bar.top) if r == bar.top else (bar.bottom, grid.shape[0])
            out = fill_rect(out, (top, c - t + 1, bottom, c + t), 3)
            out = fill_rect(out, (top, c, bottom, c + 1), 2)
        else:
            left, right = (0, bar.left) if c == bar.left else (bar.right, grid.shape[1])
            out = fill_rect(out, (r - t + 1, left, r + t, right), 3)
            out = fill_rect(out, (r, left, r + 1, right), 2)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(10, 21)), int(rng.integers(10, 21))
    grid = np.zeros((H, W), dtype=int)
    taken = np.zeros((H, W), dtype=bool)
    for _ in range(int(rng.integers(1, 3))):
        for _ in range(50):
            t, length = int(rng.integers(2, 6)), int(rng.integers(4, 16))
            if length <= t or length > min(H, W) - 2:
                continue
            r, c = int(rng.integers(0, H - t + 1)), int(rng.integers(0, W - length + 1))
            k = c + int(rng.integers(0, length))
            up = bool(rng.integers(2))
            # the horizontal bar, its red cell, and the area its beam will cover
            bar = np.zeros((H, W), dtype=int)
            bar[r:r + t, c:c + length] = 3
            bar[r if up else r + t - 1, k] = 2
            area = fill_rect(bar, (0 if up else r + t, k - t + 1, r if up else H, k + t), 3) != 0
            if (r == 0 and up) or (r + t == H and not up) or (area & taken).any():
                continue
            grid, taken = np.where(bar != 0, bar, grid), dilate(taken | area, diagonal=True)
            break
        if rng.random() < 0.5:
            grid, taken = transpose(grid), transpose(taken)
            H, W = W, H
    return grid if grid.any() else None
