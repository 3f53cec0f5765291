"""The room with only four coloured cells is a map: paint each room of the 3x3 layout in its corresponding cell's colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rooms = split_by_lines(grid, 5)
    key = min(rooms, key=np.count_nonzero)
    h, w = key.shape
    return join_by_lines([[new_grid(h, w, key[r, c]) for c in range(w)] for r in range(h)], 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    palette = _gen.colors(rng, 5, exclude=(0, 5))
    key = int(rng.integers(9))
    rooms = []
    for i in range(9):
        room = np.zeros(9, dtype=int)
        count = 4 if i == key else 5
        room[rng.choice(9, size=count, replace=False)] = rng.choice(palette, size=count, replace=False)
        rooms.append(room.reshape(3, 3))
    return join_by_lines([rooms[0:3], rooms[3:6], rooms[6:9]], 5)
