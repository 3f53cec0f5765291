"""Fill with red every hole of the grey shapes that is a perfect square."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for hole in components(enclosed_mask(grid)):
        box = bbox(hole)
        if box.height == box.width and hole.sum() == box.height * box.width:
            out[hole] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((12, 12), dtype=int)
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        spot = _gen.free_spot(rng, grid > 0, h, w)
        if spot is None:
            continue
        r, c = spot
        grid[r:r + h, c:c + w] = 5
        hh, hw = int(rng.integers(1, h - 1)), int(rng.integers(1, w - 1))
        if rng.random() < 0.5:
            hw = hh = min(hh, hw)
        hr, hc = r + 1 + int(rng.integers(0, h - 1 - hh)), c + 1 + int(rng.integers(0, w - 1 - hw))
        hole = _gen.shape(rng, hh, hw, fill=1.0 if rng.random() < 0.7 else 0.7)
        grid[hr:hr + hh, hc:hc + hw][hole] = 0
    return grid
