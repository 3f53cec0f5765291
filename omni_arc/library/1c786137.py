"""Output what lies inside the rectangular frame drawn over the noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    def is_frame(o):
        m = o.mask
        return o.height > 2 and o.width > 2 and m[0].all() and m[-1].all() and m[:, 0].all() and m[:, -1].all()

    frame = max_by([o for o in find_objects(grid, background=None) if is_frame(o)], lambda o: o.height * o.width)
    return crop(grid, frame.bbox)[1:-1, 1:-1]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    frame, *palette = _gen.colors(rng, int(rng.integers(3, 5)), exclude=())
    h, w = int(rng.integers(12, 24)), int(rng.integers(12, 24))
    while True:
        grid = rng.choice(palette, size=(h, w))
        fh, fw = int(rng.integers(5, h - 2)), int(rng.integers(5, w - 2))
        r, c = int(rng.integers(0, h - fh + 1)), int(rng.integers(0, w - fw + 1))
        grid = draw_rect(grid, (r, c, r + fh, c + fw), frame)
        if np.array_equal(task(grid), grid[r + 1:r + fh - 1, c + 1:c + fw - 1]):
            return grid
