"""Crop to the four coloured lines; dots of one line's colour stream toward that line."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rows, cols = full_lines(grid), full_lines(grid, axis=1)
    out = grid[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1].copy()
    inner = out[1:-1, 1:-1]
    color = most_common_color(inner, exclude=0)
    sides = {"up": out[0, 1], "down": out[-1, 1], "left": out[1, 0], "right": out[1, -1]}
    direction = [side for side, c in sides.items() if c == color][0]
    for r, c in cells_of(inner, color):
        out = draw_ray(out, (r + 1, c + 1), direction, color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(12, 23)), int(rng.integers(12, 23))
    top, bottom = sorted(rng.choice(np.arange(H), size=2, replace=False))
    left, right = sorted(rng.choice(np.arange(W), size=2, replace=False))
    if bottom - top < 6 or right - left < 6:
        return None
    colors = rng.choice(np.arange(1, 10), size=4, replace=False)
    noise = int(colors[int(rng.integers(4))])
    grid = np.where(rng.random((H, W)) < rng.uniform(0.03, 0.1), noise, 0)
    grid[[top, bottom], :] = colors[:2, None]
    grid[:, [left, right]] = colors[2:]
    if rng.random() < 0.5:
        grid[[top, bottom], :] = colors[:2, None]
    inner = grid[top + 1:bottom, left + 1:right]
    if not (inner == noise).any() or full_lines(grid) != [top, bottom] \
            or full_lines(grid, axis=1) != [left, right]:
        return None
    return grid
