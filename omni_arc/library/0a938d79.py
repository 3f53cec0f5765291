"""Two dots start full lines across the short side, repeating alternately with their spacing to the far edge."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    tall = grid.shape[0] > grid.shape[1]
    g = transpose(grid) if tall else grid
    (r1, c1), (r2, c2) = sorted(cells_of(g != 0), key=lambda cell: cell[1])
    out = np.zeros_like(g)
    for k, c in enumerate(range(c1, g.shape[1], c2 - c1)):
        out[:, c] = g[r1, c1] if k % 2 == 0 else g[r2, c2]
    return transpose(out) if tall else out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(6, 12)), int(rng.integers(18, 30))
    grid = np.zeros((h, w), dtype=int)
    c1 = int(rng.integers(0, w // 3))
    c2 = c1 + int(rng.integers(1, 6))
    a, b = _gen.colors(rng, 2)
    grid[0 if rng.random() < 0.5 else h - 1, c1] = a
    grid[int(rng.integers(h)), c2] = b
    return transpose(grid) if rng.random() < 0.5 else grid
