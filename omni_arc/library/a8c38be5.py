"""Assemble the nine 3x3 pieces into a 9x9 square, each placed toward the side its colour marks."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = new_grid(9, 9, 5)
    used = np.zeros(grid.shape, dtype=bool)
    for r in range(grid.shape[0] - 2):
        for c in range(grid.shape[1] - 2):
            piece = grid[r:r + 3, c:c + 3]
            if (piece != 0).all() and not used[r:r + 3, c:c + 3].any():
                used[r:r + 3, c:c + 3] = True
                rows, cols = np.nonzero(piece != 5)
                if len(rows):
                    dr, dc = int(np.sign(rows.mean() - 1)), int(np.sign(cols.mean() - 1))
                    out = paste(out, piece, 3 * (1 + dr), 3 * (1 + dc))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    corner = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0]])
    edge = np.array([[1, 1, 1], [0, 1, 0], [0, 0, 0]])
    masks = [np.zeros((3, 3), dtype=int)] + [rotate(corner, k) for k in range(4)] + [rotate(edge, k) for k in range(4)]
    grid = np.zeros((int(rng.integers(14, 17)), int(rng.integers(14, 17))), dtype=int)
    for mask, color in zip(masks, [5] + [int(c) for c in rng.permutation([1, 2, 3, 4, 6, 7, 8, 9])]):
        spot = _gen.free_spot(rng, grid != 0, 3, 3, margin=1)
        if spot is None:
            return None
        grid[spot[0]:spot[0] + 3, spot[1]:spot[1] + 3] = np.where(mask == 1, color, 5)
    return grid
