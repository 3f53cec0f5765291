"""Each marker beside the main shape starts a row of copies of the shape in the marker's colour, repeated away from the shape one gap apart."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = object_from_mask(grid, grid == most_common_color(grid, exclude=0))
    step_r, step_c = shape.height + 1, shape.width + 1
    out = grid.copy()
    for marker in find_objects(grid, diagonal=True):
        if marker.color != shape.color:
            dr = (marker.top - shape.top) // step_r * step_r
            dc = (marker.left - shape.left) // step_c * step_c
            for k in range(1, max(grid.shape)):
                out = draw_object(out, shape.moved(k * dr, k * dc), marker.color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((21, 21), dtype=int)
    mask = _gen.shape(rng, 3, 3, fill=float(rng.uniform(0.5, 0.9)))
    color = _gen.color(rng)
    top, left = int(rng.integers(4, 15)), int(rng.integers(4, 15))
    grid[top:top + 3, left:left + 3][mask] = color
    steps = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr, dc) != (0, 0)]
    for i in rng.choice(len(steps), size=int(rng.integers(1, 4)), replace=False):
        dr, dc = steps[i]
        near = np.zeros((3, 3), dtype=bool)
        if dr:
            near[1 - dr] = True
        if dc:
            near[:, 1 - dc] = True
        marker = mask & near
        if marker.any() and len(find_objects(marker.astype(int), diagonal=True)) == 1:
            r, c = top + 4 * dr, left + 4 * dc
            grid[r:r + 3, c:c + 3][marker] = _gen.color(rng, exclude=(0, color))
    if unique_colors(grid, exclude=0) == [color] or most_common_color(grid, exclude=0) != color:
        return None
    return grid
