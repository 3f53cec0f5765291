"""Remove the solid rectangle covering part of the mirror-symmetric shape and restore the hidden half of the shape."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    cover = max_by([o for o in find_objects(grid) if o.is_rectangle], "size")
    clean = erase(grid, cover)
    # the mirror axis is the middle of the rows that the cover does not touch
    free = [c for r, c in cells_of(clean != 0) if not cover.top <= r < cover.bottom]
    axis = (min(free) + max(free)) / 2
    return complete_symmetry(clean, unknown=0, kinds=["flip_left_right"], center=(0, axis))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    h, half = int(rng.integers(4, 9)), int(rng.integers(2, 5))
    shape_color, cover_color = _gen.colors(rng, 2)
    half_shape = _gen.shape(rng, h, half, fill=0.55)
    shape = np.concatenate([half_shape, half_shape[:, ::-1]], axis=1)
    size = int(rng.integers(max(12, 2 * half + 5), 19))
    grid = np.zeros((size, size), dtype=int)
    top, left = int(rng.integers(0, size - h + 1)), int(rng.integers(2, size - 2 * half - 1))
    grid[top:top + h, left:left + 2 * half][shape] = shape_color
    covered = int(rng.integers(1, h))  # rows hidden by the cover: never all of them
    r0 = int(rng.integers(top, top + h - covered + 1))
    r1 = r0 + covered
    if rng.random() < 0.5:  # cover the right half, maybe reaching past the shape
        box = (r0, left + half, r1, left + 2 * half + int(rng.integers(0, 3)))
    else:
        box = (r0, left - int(rng.integers(0, 3)), r1, left + half)
    grid = fill_rect(grid, box, cover_color)
    cover_size = (box[2] - box[0]) * (box[3] - box[1])
    if any(o.is_rectangle and o.size >= cover_size for o in select_by_color(find_objects(grid), shape_color)):
        return None
    return grid
