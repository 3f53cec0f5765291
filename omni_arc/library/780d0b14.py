"""Summarise each noisy block between the black lines by its colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return np.array([[most_common_color(block, exclude=0) for block in row]
                     for row in split_by_lines(grid, 0, flat=False)])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    rows, cols = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    heights, widths = rng.integers(3, 9, size=rows), rng.integers(3, 9, size=cols)
    colors = rng.integers(1, 10, size=(rows, cols))
    blocks = [[np.where(rng.random((h, w)) < 0.25, 0, colors[i, j]) for j, w in enumerate(widths)]
              for i, h in enumerate(heights)]
    grid = join_by_lines(blocks, 0)
    return grid if np.array_equal(task(grid), colors) else None
