"""Mirror the shape across the side where the red marker sits (the mirror image covers the marker), on a green background."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = object_from_mask(grid, (grid != 0) & (grid != 2))
    marker = object_from_mask(grid, grid == 2)
    dr, dc = direction_to(shape, marker)
    image = flip_top_bottom(shape.crop()) if dr else flip_left_right(shape.crop())
    out = paste(replace_color(grid, 2, 0), image, shape.top + dr * shape.height, shape.left + dc * shape.width,
                transparent=0)
    return replace_color(out, 0, 3)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    shape = _gen.shape(rng, h, w, fill=0.6)
    grid = np.zeros((10, 10), dtype=int)
    r, c = int(rng.integers(0, 11 - 2 * h)), int(rng.integers(0, 11 - w))
    grid[r:r + h, c:c + w][shape] = _gen.color(rng, exclude=(0, 2, 3))
    grid[r + h, c:c + w][shape[-1]] = 2  # the marker: the bottom row's mirror image
    return dihedral(grid, int(rng.integers(8)))
