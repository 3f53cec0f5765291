"""Fill the largest empty rectangle (at least 2x2) with magenta."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return fill_rect(grid, largest_rectangle(grid == 0, min_height=2, min_width=2), 6)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = _gen.scatter(rng, int(rng.integers(2, 5)), int(rng.integers(15, 31)), [1], density=0.6)
        boxes = [largest_rectangle(grid == 0, min_height=2, min_width=2)]
        if boxes[0] is not None:
            area = boxes[0].height * boxes[0].width
            # keep the largest rectangle unique: no other rectangle of that area
            blocked = fill_rect(grid, boxes[0], 1)
            other = largest_rectangle(blocked == 0, min_height=2, min_width=2)
            if other is None or other.height * other.width < area:
                return grid
