"""From each outer corner of the wall, shoot a diagonal ray away from it in the colour of the shape inside."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    def area(color):
        box = bbox(grid == color)
        return box.height * box.width

    wall, inner = sorted(unique_colors(grid, exclude=0), key=area, reverse=True)

    def is_wall(r, c):
        return in_grid(grid, r, c) and grid[r, c] == wall

    out = grid.copy()
    for r, c in cells_of(grid, wall):
        if (is_wall(r - 1, c) or is_wall(r + 1, c)) and (is_wall(r, c - 1) or is_wall(r, c + 1)):
            out = draw_ray(out, (r, c), (1 if is_wall(r - 1, c) else -1, 1 if is_wall(r, c - 1) else -1), inner)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(7, 13)), int(rng.integers(7, 13))
    wall, inner = _gen.colors(rng, 2)
    grid = np.zeros((height, width), dtype=int)
    bar = int(rng.integers(3, height - 2))
    if rng.random() < 0.5:  # a cup with two arms
        a = int(rng.integers(0, width - 5))
        b = int(rng.integers(a + 4, width))
        grid[bar, a:b + 1] = wall
        grid[:bar, a] = grid[:bar, b] = wall
        left = a + 2
    else:  # an L whose bar runs to the edge
        b = int(rng.integers(3, width - 2))
        grid[bar, :b + 1] = wall
        grid[:bar, b] = wall
        left = 0
    h = int(rng.integers(1, bar))
    w = int(rng.integers(1, b - 1 - left + 1))
    grid[bar - 1 - h:bar - 1, left:left + w] = inner
    return dihedral(grid, int(rng.integers(8)))
