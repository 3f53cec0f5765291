"""Crop the big noisy-edged rectangle and draw full lines through each of its odd-coloured dots."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rect = largest(find_objects(grid, background=None))
    rows = np.flatnonzero(rect.mask.sum(axis=1) > rect.width // 2)
    cols = np.flatnonzero(rect.mask.sum(axis=0) > rect.height // 2)
    inside = grid[rect.top + rows[0]:rect.top + rows[-1] + 1, rect.left + cols[0]:rect.left + cols[-1] + 1]
    dots = inside != rect.color
    out = np.full_like(inside, rect.color)
    out[dots.any(axis=1), :] = inside[dots][0]
    out[:, dots.any(axis=0)] = inside[dots][0]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(15, 28)), int(rng.integers(15, 28))
    grid = rng.integers(0, 10, size=(H, W))
    color, dot = _gen.colors(rng, 2, exclude=())
    h, w = int(rng.integers(5, 12)), int(rng.integers(5, 12))
    r, c = int(rng.integers(1, H - h)), int(rng.integers(1, W - w))
    ring = grid[r - 1:r + h + 1, c - 1:c + w + 1]
    ring[ring == color] = (color + 1 + int(rng.integers(9))) % 10
    grid[r:r + h, c:c + w] = color
    for _ in range(int(rng.integers(1, 4))):
        grid[r + int(rng.integers(1, h - 1)), c + int(rng.integers(1, w - 1))] = dot
    return grid
