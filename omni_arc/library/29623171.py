"""Among the nine rooms, those holding the most coloured cells are filled with that colour; the others are emptied."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rooms = split_by_lines(grid, 5, flat=False)
    color = unique_colors(grid, exclude=[0, 5])[0]
    most = max(np.count_nonzero(room) for row in rooms for room in row)
    return join_by_lines([[np.full_like(room, color if np.count_nonzero(room) == most else 0) for room in row]
                          for row in rooms], 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    color = _gen.color(rng, exclude=(0, 5))
    rooms = [[_gen.scatter(rng, 3, 3, [color], density=rng.uniform(0, 0.4)) for _ in range(3)] for _ in range(3)]
    grid = join_by_lines(rooms, 5)
    if count_color(grid, color) == 0:
        grid[0, 0] = color
    return grid
