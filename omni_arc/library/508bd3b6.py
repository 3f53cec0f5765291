"""Extend the light-blue diagonal in green until it bounces off the red wall and leaves the grid."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    H, W = grid.shape
    cells = cells_of(grid, 8)
    on_edge = cells[0][0] in (0, H - 1) or cells[0][1] in (0, W - 1)
    (r, c), (r0, c0) = (cells[-1], cells[0]) if on_edge else (cells[0], cells[-1])
    return draw_walk(grid, (r, c), (np.sign(r - r0), np.sign(c - c0)), 3, walls=2, turn="bounce")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    wall, length = int(rng.integers(2, 5)), int(rng.integers(2, 4))
    grid = np.zeros((12, 12), dtype=int)
    grid[:, 12 - wall:] = 2
    c = int(rng.integers(0, 12 - wall - length - 1))
    for k in range(length):
        grid[11 - k, c + k] = 8
    return dihedral(grid, int(rng.integers(8)))
