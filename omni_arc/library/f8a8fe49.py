"""Flip the grey pieces out of the red brackets: each is mirrored across the outer edge of its nearer bracket."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 2)
    across_rows = (crop(grid, box)[0] == 2).all()
    out = replace_color(grid, 5, 0)
    for r, c in cells_of(grid, 5):
        if across_rows:
            edge = box.top if r - box.top < box.bottom - 1 - r else box.bottom - 1
            out[2 * edge - r, c] = 5
        else:
            edge = box.left if c - box.left < box.right - 1 - c else box.right - 1
            out[r, 2 * edge - c] = 5
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((15, 15), dtype=int)
    top, bottom = int(rng.integers(3, 5)), int(rng.integers(10, 12))
    left, right = int(rng.integers(3, 5)), int(rng.integers(10, 12))
    grid[top, left:right + 1] = grid[bottom, left:right + 1] = 2
    grid[top:bottom + 1, left] = grid[top:bottom + 1, right] = 2
    grid[top + 2:bottom - 1, left] = grid[top + 2:bottom - 1, right] = 0
    room = bottom - top - 3
    for edge, sign in ((top, 1), (bottom, -1)):
        depth = int(rng.integers(1, min(3, room // 2) + 1))
        piece = _gen.shape(rng, depth, int(rng.integers(1, right - left - 2)))
        rows = [edge + sign * (2 + k) for k in range(depth)]
        c = int(rng.integers(left + 2, right - piece.shape[1]))
        for k, row in enumerate(rows):
            grid[row, c:c + piece.shape[1]] = np.where(piece[k], 5, grid[row, c:c + piece.shape[1]])
    return grid if rng.random() < 0.5 else transpose(grid)
