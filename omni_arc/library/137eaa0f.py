"""Each fragment is anchored on a grey cell: stack all fragments on one shared grey centre in a 3x3 grid."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = new_grid(3, 3)
    for piece in find_objects(grid, diagonal=True, by_color=False):
        r, c = [cell for cell in piece.cells if grid[cell] == 5][0]
        out = paste(out, piece.crop(), piece.top - r + 1, piece.left - c + 1, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    n = int(rng.integers(2, 5))
    owner = rng.integers(-1, n, size=8)  # which fragment each of the 8 cells around the centre joins (-1: none)
    owner[rng.choice(8, size=n, replace=False)] = np.arange(n)
    ring = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2)]
    grid = np.zeros((11, 11), dtype=int)
    taken = np.zeros((11, 11), dtype=bool)
    for k, color in enumerate(_gen.colors(rng, n, exclude=(0, 5))):
        piece = np.zeros((3, 3), dtype=int)
        piece[1, 1] = 5
        for (r, c), o in zip(ring, owner):
            if o == k:
                piece[r, c] = color
        box = bbox(piece)
        piece = crop(piece, box)
        spot = _gen.free_spot(rng, taken, *piece.shape, margin=1)
        if spot is None:
            return None
        grid = paste(grid, piece, *spot)
        taken[spot[0]:spot[0] + piece.shape[0], spot[1]:spot[1] + piece.shape[1]] = True
    return grid
