"""Output the smallest of the overlapping rectangles, filled with its colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return smallest(find_objects(grid)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        size = int(rng.integers(10, 21))
        grid = np.zeros((size, size), dtype=int)
        colors = _gen.colors(rng, int(rng.integers(2, 5)))
        boxes = []
        for _ in colors:
            h, w = int(rng.integers(2, 8)), int(rng.integers(2, 8))
            r, c = int(rng.integers(0, size - h + 1)), int(rng.integers(0, size - w + 1))
            boxes.append((h * w, (r, c, r + h, c + w)))
        boxes.sort(key=lambda b: -b[0])
        for (_, box), color in zip(boxes, colors):
            grid = fill_rect(grid, box, color)  # the smallest is drawn last, on top
        sizes = sorted(o.size for o in find_objects(grid))
        if sizes[0] == boxes[-1][0] and (len(sizes) == 1 or sizes[1] > sizes[0]):
            return grid
