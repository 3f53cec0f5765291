"""Continue the repeating skyline to the right edge."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    p = period(grid[:, :bbox(grid).right], axis=1)
    return grid[:, np.arange(grid.shape[1]) % p]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    p = int(rng.integers(2, 7))
    unit = np.zeros((5, p), dtype=int)
    palette = _gen.colors(rng, int(rng.integers(2, 4)))
    heights = rng.integers(1, 4, size=p)
    for c in range(p):
        unit[5 - heights[c]:, c] = rng.choice(palette)
    unit[4, 0] = palette[0]
    while period(unit, axis=1) < p:
        unit[4 - int(rng.integers(0, 2)), int(rng.integers(p))] = rng.choice(palette)
    grid = np.zeros((5, 15), dtype=int)
    repeats = int(rng.integers(2, 15 // p + 1)) if 15 // p >= 2 else 1
    width = min(15 - 1, p * repeats + int(rng.integers(0, p)))
    grid[:, :width] = unit[:, np.arange(width) % p]
    return grid
