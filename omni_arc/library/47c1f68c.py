"""Recolour the top-left shape with the cross's colour and mirror it into all four quarters."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    corner = recolor(split_by_lines(grid)[0], separator_color(grid))
    return mirror_extend(mirror_extend(corner, "right"), "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h = int(rng.integers(3, 7))
    shape_color, line_color = _gen.colors(rng, 2)
    grid = np.zeros((2 * h + 1, 2 * h + 1), dtype=int)
    grid[h, :] = grid[:, h] = line_color
    sh, sw = int(rng.integers(2, h + 1)), int(rng.integers(2, h + 1))
    r, c = int(rng.integers(0, h - sh + 1)), int(rng.integers(0, h - sw + 1))
    grid[r:r + sh, c:c + sw][_gen.shape(rng, sh, sw)] = shape_color
    return grid
