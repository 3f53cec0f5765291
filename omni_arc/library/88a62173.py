"""Output the one 2x2 quadrant that differs from the other three."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    quads = [crop(grid, (r, c, r + 2, c + 2)) for r in (0, 3) for c in (0, 3)]
    return odd_one_out(quads, lambda quad: quad.tolist())


def generate_input(rng: np.random.Generator) -> np.ndarray:
    color = int(rng.integers(1, 10))
    common = rng.integers(0, 2, size=(2, 2)) * color
    odd = common.copy()
    r, c = int(rng.integers(2)), int(rng.integers(2))
    odd[r, c] = color - odd[r, c]
    quads = [common] * 4
    quads[int(rng.integers(4))] = odd
    grid = np.zeros((5, 5), dtype=int)
    for quad, (r, c) in zip(quads, [(0, 0), (0, 3), (3, 0), (3, 3)]):
        grid[r:r + 2, c:c + 2] = quad
    return grid
