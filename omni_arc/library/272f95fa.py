"""Two light-blue lines each way cut the grid into rooms: paint the middle cross of rooms red, yellow, magenta, green and blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    rooms = split_by_lines(grid, 8, flat=False)
    colors = [[0, 2, 0], [4, 6, 3], [0, 1, 0]]
    return join_by_lines([[np.full_like(room, colors[i][j]) for j, room in enumerate(row)]
                          for i, row in enumerate(rooms)], 8)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 20)), int(rng.integers(10, 20))
    grid = np.zeros((h, w), dtype=int)
    r1 = int(rng.integers(1, h - 5))
    r2 = int(rng.integers(r1 + 2, h - 1))
    c1 = int(rng.integers(1, w - 5))
    c2 = int(rng.integers(c1 + 2, w - 1))
    grid[[r1, r2], :] = 8
    grid[:, [c1, c2]] = 8
    return grid
