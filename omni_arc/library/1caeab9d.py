"""Move every block up or down to the rows of the blue block."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    blue = select_by_color(find_objects(grid, diagonal=True), 1)[0]
    out = np.zeros_like(grid)
    for obj in find_objects(grid, diagonal=True):
        out = draw_object(out, obj.moved(blue.top - obj.top, 0))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 4)), int(rng.integers(1, 4))
    H = int(rng.integers(h + 3, 11))
    grid = np.zeros((H, 3 * w + 4), dtype=int)
    for k, color in enumerate(rng.permutation([1, 2, 4])):
        r, c = int(rng.integers(0, H - h + 1)), 1 + k * (w + 1)
        grid[r:r + h, c:c + w] = color
    return grid
