"""Restore the yellow-masked cells from the grid's mirror symmetry."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return complete_symmetry(grid, unknown=4)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    quarter = rng.choice([1, 2, 3, 5, 6, 7, 8, 9], size=(8, 8))
    quarter = np.triu(quarter) + np.triu(quarter, 1).T
    grid = mirror_extend(mirror_extend(quarter, "right"), "down")
    for qr, qc in rng.permutation([(0, 0), (0, 8), (8, 0), (8, 8)])[:int(rng.integers(1, 3))]:
        h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        r, c = qr + int(rng.integers(0, 9 - h)), qc + int(rng.integers(0, 9 - w))
        grid[r:r + h, c:c + w] = 4
    return grid
