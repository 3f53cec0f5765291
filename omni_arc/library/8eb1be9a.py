"""Repeat the band of rows that holds the pattern up and down over the whole grid."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    box = bbox(grid)
    band = grid[box.top:box.bottom]
    return band[(np.arange(len(grid)) - box.top) % box.height]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, p = int(rng.integers(2, 5)), int(rng.integers(2, 7))
    W = int(rng.integers(2, 5)) * p + int(rng.integers(0, p))
    cell = rng.random((h, p)) < 0.5
    cell[0, int(rng.integers(p))] = cell[-1, int(rng.integers(p))] = True
    band = np.tile(cell, (1, W // p + 1))[:, :W] * int(rng.integers(1, 10))
    H = int(rng.integers(3 * h, 16))
    grid = np.zeros((H, W), dtype=int)
    top = int(rng.integers(0, H - h + 1))
    grid[top:top + h] = band
    return grid
