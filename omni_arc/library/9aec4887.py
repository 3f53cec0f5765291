"""Move the light-blue shape into the frame of four coloured bars; each of its cells takes the colour of the nearest bar, and cells equally near two bars stay light blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = crop(grid, bbox((grid != 0) & (grid != 8)))
    shape = crop_to_content(np.where(grid == 8, 8, 0))
    h, w = shape.shape
    sides = [out[0, 1], out[-1, 1], out[1, 0], out[1, -1]]
    for r, c in cells_of(shape, 8):
        d = [r, h - 1 - r, c, w - 1 - c]
        out[r + 1, c + 1] = sides[d.index(min(d))] if d.count(min(d)) == 1 else 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 7))
    H, W = int(rng.integers(2 * n + 4, 19)), int(rng.integers(2 * n + 4, 19))
    frame = np.zeros((n + 2, n + 2), dtype=int)
    frame[0, 1:-1], frame[-1, 1:-1], frame[1:-1, 0], frame[1:-1, -1] = _gen.colors(rng, 4, exclude=(0, 5, 8))
    shape = np.where(_gen.shape(rng, n, n, fill=float(rng.uniform(0.4, 0.7))), 8, 0)
    for _ in range(100):
        grid = np.zeros((H, W), dtype=int)
        r, c = int(rng.integers(0, H - n - 1)), int(rng.integers(0, W - n - 1))
        grid[r:r + n + 2, c:c + n + 2] = frame
        spot = _gen.free_spot(rng, grid != 0, n, n)
        if spot is not None:
            grid[spot[0]:spot[0] + n, spot[1]:spot[1] + n] = shape
            return grid
    raise RuntimeError("no valid input found")
