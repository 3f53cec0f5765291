"""Complete every one-colour fragment of a two-colour template into the whole template."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for template in find_objects(grid, diagonal=True, by_color=False):
        if len(template.colors) > 1:
            patch = template.crop()
            for color in template.colors:
                for r, c in find_pattern(grid, keep_colors(patch, color), transparent=0):
                    out = paste(out, patch, r, c, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    kinds = [np.array([[0, 1, 0], [1, 2, 1], [0, 1, 0]]), np.array([[1, 0, 1], [0, 2, 0], [1, 0, 1]]),
             np.array([[1, 2, 1]]), np.array([[1], [2], [1]])]
    H, W = int(rng.integers(12, 20)), int(rng.integers(12, 23))
    grid = np.zeros((H, W), dtype=int)
    palette = _gen.colors(rng, 6)
    for k in range(int(rng.integers(1, 4))):
        a, b = palette[2 * k:2 * k + 2]
        template = color_map(kinds[int(rng.integers(len(kinds)))], {1: a, 2: b})
        for i in range(int(rng.integers(2, 4))):
            piece = template if i == 0 else keep_colors(template, [a, b][int(rng.integers(2))])
            spot = _gen.free_spot(rng, grid > 0, *template.shape)
            if spot is None:
                break
            grid = paste(grid, piece, *spot)
    return grid
