"""Redraw the nested rectangles as the smallest concentric squares, one cell per layer."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    layers, inner = [grid[0, 0]], grid
    while (inner != layers[-1]).any():
        inner = crop(inner, bbox(inner != layers[-1]))
        layers.append(inner[0, 0])
    size = 2 * len(layers) - 1
    out = new_grid(size, size)
    for i, color in enumerate(layers):
        out = fill_rect(out, (i, i, size - i, size - i), color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(2, 5))
    palette = _gen.colors(rng, n, exclude=())
    palette += palette[:1] if rng.random() < 0.3 else []
    n = len(palette)
    height, width = int(rng.integers(4 * n + 6, 27)), int(rng.integers(4 * n + 6, 28))
    grid = np.full((height, width), palette[0])
    top, left, bottom, right = 0, 0, height, width
    for color in palette[1:]:
        top, left = top + int(rng.integers(1, 4)), left + int(rng.integers(1, 4))
        bottom, right = bottom - int(rng.integers(1, 4)), right - int(rng.integers(1, 4))
        grid = fill_rect(grid, (top, left, bottom, right), color)
    return grid
