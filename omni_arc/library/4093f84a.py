"""The dots fall onto the grey band from both sides and become grey, piling up where they share a line."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    band = largest(objects)
    gap = lambda o: max(band.top - o.bottom, o.top - band.bottom, band.left - o.right, o.left - band.right)
    out = grid.copy()
    for dot in sorted([o for o in objects if o is not band], key=gap):  # nearest first
        out = slide(out, dot, direction_to(dot, band))
    return recolor(out, 5)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((14, 14), dtype=int)
    top = int(rng.integers(3, 9))
    grid[top:top + int(rng.integers(2, 5))] = 5
    color = _gen.color(rng, exclude=(0, 5))
    for _ in range(int(rng.integers(4, 10))):
        r, c = int(rng.integers(14)), int(rng.integers(14))
        if grid[r, c] == 0 and not neighbors(grid != 0, diagonal=True)[r, c]:
            grid[r, c] = color
    return grid if rng.random() < 0.5 else transpose(grid)
