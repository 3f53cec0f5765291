"""Repeat the black shape diagonally toward the coloured marker, in the marker's colour, until the edge."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    cells = set(cells_of(grid, 0))
    (mr, mc), = cells_of((grid != bg) & (grid != 0))
    center = np.mean(list(cells), axis=0)
    dr, dc = int(np.sign(mr - center[0])), int(np.sign(mc - center[1]))
    # the smallest step that puts a shape cell on the marker without overlapping the shape
    step = next(k for k in range(1, 30) if (mr - k * dr, mc - k * dc) in cells
                and not {(r + k * dr, c + k * dc) for r, c in cells} & cells)
    out = grid.copy()
    for n in range(1, 30):
        for r, c in cells:
            rr, cc = r + n * step * dr, c + n * step * dc
            if in_grid(grid, rr, cc):
                out[rr, cc] = grid[mr, mc]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    templates = [[[0, 1, 0], [1, 0, 1], [0, 1, 0]], [[0, 1, 0], [1, 1, 1], [0, 1, 0]],
                 [[1, 0, 1], [0, 1, 0], [1, 0, 1]], [[1, 1, 0, 1, 1], [1, 1, 0, 1, 1], [0, 0, 1, 0, 0],
                                                     [1, 1, 0, 1, 1], [1, 1, 0, 1, 1]]]
    shape = np.array(templates[int(rng.integers(len(templates)))], dtype=bool)
    if rng.random() < 0.3:
        shape = _gen.shape(rng, 3, 3)
    height, width = int(rng.integers(12, 19)), int(rng.integers(12, 17))
    bg, marker = _gen.colors(rng, 2)
    grid = np.full((height, width), bg)
    top, left = int(rng.integers(1, height - shape.shape[0])), int(rng.integers(1, width - shape.shape[1]))
    grid[top:top + shape.shape[0], left:left + shape.shape[1]][shape] = 0
    cells = set(cells_of(grid, 0))
    dr, dc = [(-1, -1), (-1, 1), (1, -1), (1, 1)][int(rng.integers(4))]
    step = next(k for k in range(1, 10) if not {(r + k * dr, c + k * dc) for r, c in cells} & cells)
    center = np.mean(list(cells), axis=0)
    for r, c in rng.permutation(sorted(cells)):
        mr, mc = r + step * dr, c + step * dc
        if 0 <= mr < height and 0 <= mc < width and np.sign(mr - center[0]) == dr and np.sign(mc - center[1]) == dc:
            grid[mr, mc] = marker
            return grid
    return None
