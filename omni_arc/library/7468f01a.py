"""Crop the rectangle and mirror it left to right."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return flip_left_right(crop_to_content(grid))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(10, 18)), int(rng.integers(12, 18))
    h, w = int(rng.integers(4, 8)), int(rng.integers(4, 9))
    base, mark = _gen.colors(rng, 2)
    rect = np.full((h, w), base)
    rect[_gen.scatter(rng, h, w, [1], 0.2) > 0] = mark
    grid = np.zeros((H, W), dtype=int)
    return paste(grid, rect, int(rng.integers(0, H - h + 1)), int(rng.integers(0, W - w + 1)))
