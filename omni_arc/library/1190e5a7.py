"""Count the rooms the lines divide the grid into: output one background-coloured cell per room, in the same layout."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    rooms = split_by_lines(grid, flat=False)
    return new_grid(len(rooms), len(rooms[0]), background_color(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 28)), int(rng.integers(10, 28))
    back, line = _gen.colors(rng, 2)
    grid = new_grid(h, w, back)
    for r in rng.choice(np.arange(1, h - 1), size=int(rng.integers(1, 4)), replace=False):
        grid[r] = line
    for c in rng.choice(np.arange(1, w - 1), size=int(rng.integers(1, 4)), replace=False):
        grid[:, c] = line
    return grid
