"""Mirror the light-blue shape to the side where the yellow shape's top cell points."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    mirrored = flip_left_right(grid[:3, 3:6])
    if grid[3, 3] == 4:
        out[:3, :3] = mirrored
    else:
        out[:3, 6:] = mirrored
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((6, 9), dtype=int)
    grid[:3, 3:6][_gen.shape(rng, 3, 3, fill=0.55)] = 8
    grid[3, rng.choice([3, 5])] = 4
    grid[4, 3:6] = grid[5, 4] = 4
    return grid
