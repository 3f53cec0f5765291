"""Each green dot takes the colour of the nearer of the two border lines."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    vertical = grid[0, 0] != 0 and (grid[:, 0] == grid[0, 0]).all()
    g = grid if vertical else transpose(grid)
    out = g.copy()
    for r, c in cells_of(g, 3):
        out[r, c] = g[r, 0] if c < g.shape[1] - 1 - c else g[r, -1]
    return out if vertical else transpose(out)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    a, b = _gen.colors(rng, 2, exclude=(0, 3))
    grid = np.zeros((10, 10), dtype=int)
    grid[:, 0], grid[:, -1] = a, b
    for _ in range(int(rng.integers(2, 7))):
        grid[int(rng.integers(10)), int(rng.choice([1, 2, 3, 6, 7, 8]))] = 3
    return grid if rng.random() < 0.5 else transpose(grid)
