"""Stretch the framed box until it reaches the light-blue dot."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    r, c = cells_of(grid, 8)[0]
    box = bbox((grid != 0) & (grid != 8))
    frame, inner = grid[box.top, box.left], grid[box.top + 1, box.left + 1]
    new = (min(box.top, r), min(box.left, c), max(box.bottom, r + 1), max(box.right, c + 1))
    return draw_rect(fill_rect(np.zeros_like(grid), new, inner), new, frame)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(10, 14)), int(rng.integers(10, 14))
    h, w = int(rng.integers(3, 6)), int(rng.integers(3, 6))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - h - 2)), int(rng.integers(0, W - w + 1))
    frame, inner = _gen.colors(rng, 2, exclude=(0, 8))
    grid = draw_rect(fill_rect(grid, (r, c, r + h, c + w), inner), (r, c, r + h, c + w), frame)
    grid[int(rng.integers(r + h + 1, H)), int(rng.integers(c, c + w))] = 8
    return dihedral(grid, int(rng.integers(8)))
