"""Fill the empty cells of the shape's bounding box with red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    box = out[bbox(grid).slices]
    box[box == 0] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(7, 15)), int(rng.integers(8, 12))
    h, w = int(rng.integers(3, H - 1)), int(rng.integers(3, W - 1))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(1, H - h)), int(rng.integers(1, W - w))
    grid[r:r + h, c:c + w][_gen.shape(rng, h, w, fill=0.6)] = 8
    return grid
