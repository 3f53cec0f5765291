"""Cut out the square framed by the one rare colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return crop(grid, bbox(grid == least_common_color(grid)))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.integers(16, 29))
    palette = _gen.colors(rng, int(rng.integers(3, 6)), exclude=())
    frame = _gen.color(rng, exclude=palette)
    rows, cols = rng.choice(palette, size=size), rng.choice(palette, size=size)
    grid = np.where(rng.random((size, size)) < 0.5, rows[:, None], cols[None, :])
    side = int(rng.integers(5, 9))
    r, c = int(rng.integers(0, size - side + 1)), int(rng.integers(0, size - side + 1))
    grid = draw_rect(grid, (r, c, r + side, c + side), frame)
    counts = color_counts(grid)
    return grid if min(counts, key=counts.get) == frame and list(counts.values()).count(counts[frame]) == 1 else None
