"""The top-left room shows a shape: draw it in the wall colour in every other room, keeping what is already there."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    wall = separator_color(grid)
    rooms = split_by_lines(grid, wall, flat=False)
    shape = rooms[0][0] != 0
    return join_by_lines([[np.where(shape & (room == 0), wall, room) for room in row] for row in rooms], wall)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(4, 7))
    wall, color = _gen.colors(rng, 2)
    shape = np.zeros((size, size), dtype=bool)
    inner = _gen.shape(rng, size - 2, size - 2, fill=0.6)
    shape[1:-1, 1:-1] = inner
    rooms = [[None] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(3):
            part = shape & (rng.random(shape.shape) < (1.0 if i == j == 0 else rng.random() * 0.7))
            rooms[i][j] = np.where(part, color, 0)
    return join_by_lines(rooms, wall)
