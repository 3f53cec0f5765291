"""Each blue cup fills with the colour of the dot inside it, and the colour also spills over the row above the cup."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for cup in select_by_color(find_objects(grid), 1):
        color = max(unique_colors(crop(grid, cup.bbox), exclude=[0, 1]))
        out = fill_rect(out, (cup.top - 1, cup.left, cup.top, cup.right), color)
        inside = out[cup.bbox.slices]
        inside[inside == 0] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, 10), dtype=int)
    for _ in range(int(rng.integers(1, 3))):
        h = int(rng.integers(3, 6))
        cup = draw_rect(new_grid(h, 5), (0, 0, h, 5), 1)
        cup[0, 2] = 0
        cup[int(rng.integers(1, h - 1)), int(rng.integers(1, 4))] = _gen.color(rng, exclude=(0, 1))
        spot = _gen.free_spot(rng, grid != 0, h + 1, 5)
        if spot is not None:
            grid = paste(grid, cup, spot[0] + 1, spot[1])
    return grid
