"""Complete each started row by repeating the full row's pattern, its colours mapped to the row's own."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    full = grid[(grid != 0).all(axis=1)][0]
    out = grid.copy()
    for r in range(grid.shape[0]):
        k = int((grid[r] != 0).sum())
        if 0 < k < grid.shape[1]:
            colors = dict(zip(full[:k], grid[r, :k]))
            out[r] = [colors[v] for v in full]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(6, 15)), int(rng.integers(6, 11))
    grid = np.zeros((h, w), dtype=int)
    rows = rng.permutation(np.arange(1, h, 2))[:int(rng.integers(2, 6))]
    a, b = _gen.colors(rng, 2)
    full = rng.choice([a, b], size=w)
    full[int(rng.integers(1, 4))] = b if full[0] == a else a
    k = 1 + int(np.nonzero(full != full[0])[0][0])
    grid[rows[0]] = full
    for r in rows[1:]:
        c, d = _gen.colors(rng, 2)
        n = k + int(rng.integers(0, 2))
        grid[r, :n] = np.where(full == a, c, d)[:n]
    return grid
