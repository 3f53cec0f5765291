"""Rooms closed on all sides turn green; rooms joined through gaps in the walls turn yellow, gaps included."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for room in components(grid == 0):
        out[room] = 3 if room.sum() == bbox(room).height * bbox(room).width else 4
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    s, k = int(rng.integers(4, 6)), int(rng.integers(4, 6))
    n = k * (s + 1) - 1
    color = _gen.color(rng, exclude=(0, 3, 4))
    grid = np.zeros((n, n), dtype=int)
    lines = np.arange(s, n, s + 1)
    grid[lines, :] = grid[:, lines] = color
    walls = (grid == color) & ~(np.isin(np.arange(n), lines)[:, None] & np.isin(np.arange(n), lines)[None, :])
    gaps = walls & (rng.random((n, n)) < rng.uniform(0.03, 0.08))
    grid[gaps] = 0
    return grid
