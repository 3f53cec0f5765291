"""Crop the picture off its blue background, turning blue cells inside it black."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return replace_color(crop_to_content(grid, background=1), 1, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(5, 8)), int(rng.integers(5, 8))
    h, w = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    patch = rng.choice([1] + _gen.colors(rng, 2, exclude=(0, 1)), size=(h, w))
    patch[0, 0], patch[-1, -1] = patch[0, 0] if patch[0, 0] != 1 else 2, patch[-1, -1] if patch[-1, -1] != 1 else 3
    grid = np.ones((H, W), dtype=int)
    r, c = int(rng.integers(0, H - h + 1)), int(rng.integers(0, W - w + 1))
    grid[r:r + h, c:c + w] = patch
    return grid
