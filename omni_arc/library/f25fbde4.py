"""Cut out the yellow shape and blow it up twice as large."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return scale_up(crop_to_content(grid), 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    piece = _gen.polyomino(rng, int(rng.integers(4, 8)), diagonal=True)
    while piece.shape[0] > 5 or piece.shape[1] > 5:
        piece = _gen.polyomino(rng, int(rng.integers(4, 8)), diagonal=True)
    grid = np.zeros((9, 9), dtype=int)
    r, c = int(rng.integers(0, 10 - piece.shape[0])), int(rng.integers(0, 10 - piece.shape[1]))
    return paste(grid, piece * 4, r, c)
