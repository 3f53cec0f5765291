"""Move the green shape against the red line and draw a light-blue line on its other side."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    red = object_from_mask(grid, grid == 2)
    green = object_from_mask(grid, grid == 3)
    dr, dc = direction_to(green, red)
    out = move_next_to(grid, green, red)
    moved = object_from_mask(out, out == 3)
    if dr:
        out[moved.top - 1 if dr > 0 else moved.bottom, :] = 8
    else:
        out[:, moved.left - 1 if dc > 0 else moved.right] = 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W, w = int(rng.integers(4, 6)), int(rng.integers(14, 19)), int(rng.integers(3, 5))
    grid = np.zeros((H, W), dtype=int)
    red = int(rng.integers(1, W - 2 * w - 2))
    grid[:, red] = 2
    c = int(rng.integers(red + 2, W - w + 1))
    grid[:, c:c + w][_gen.shape(rng, H, w)] = 3
    grid = grid[:, ::rng.choice([-1, 1])]
    return grid.T.copy() if rng.random() < 0.5 else grid.copy()
