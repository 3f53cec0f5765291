"""Four corner dots frame a shape: output the inside of the frame with the shape painted in the dots' colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid)
    corner = grid[box.top, box.left]
    return recolor(crop(grid, box)[1:-1, 1:-1], corner)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    corner, color = _gen.colors(rng, 2)
    H, W = h + 2 + int(rng.integers(0, 3)), w + 2 + int(rng.integers(0, 3))
    frame = np.zeros((H, W), dtype=int)
    frame[[0, 0, -1, -1], [0, -1, 0, -1]] = corner
    r, c = int(rng.integers(1, H - h)), int(rng.integers(1, W - w))
    frame[r:r + h, c:c + w][_gen.shape(rng, h, w, fill=0.6)] = color
    grid = np.zeros((int(rng.integers(H, 15)), int(rng.integers(W, 15))), dtype=int)
    return paste(grid, frame, int(rng.integers(0, grid.shape[0] - H + 1)), int(rng.integers(0, grid.shape[1] - W + 1)))
