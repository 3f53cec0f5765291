"""Each diagonal pair of green blocks gets two light-blue blocks of the same size on its other diagonal, just outside the pair's box."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for pair in find_objects(grid, diagonal=True):
        s, t, l = pair.height // 2, pair.top, pair.left
        if pair.mask[0, 0]:  # blocks at the top-left and bottom-right
            corners = [(t - s, l + 2 * s), (t + 2 * s, l - s)]
        else:
            corners = [(t - s, l - s), (t + 2 * s, l + 2 * s)]
        for r, c in corners:
            out = fill_rect(out, (r, c, r + s, c + s), 8)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 15)), int(rng.integers(10, 15))
    grid = np.zeros((h, w), dtype=int)
    taken = np.zeros((h, w), dtype=bool)
    for _ in range(int(rng.integers(1, 4))):
        s = int(rng.integers(1, 4))
        spot = _gen.free_spot(rng, taken, 2 * s, 2 * s, margin=s + 1)
        if spot is None:
            continue
        r, c = spot
        pair = np.kron(np.eye(2, dtype=int), np.ones((s, s), dtype=int)) == 1
        grid[r:r + 2 * s, c:c + 2 * s][pair if rng.random() < 0.5 else pair[:, ::-1]] = 3
        taken[max(r - s, 0):r + 3 * s, max(c - s, 0):c + 3 * s] = True
    return grid
