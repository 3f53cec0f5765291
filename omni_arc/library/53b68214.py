"""Continue the pattern downward, repeating its smallest step, until the grid is 10x10."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    h, w = grid.shape
    for dr in range(1, h):
        for dc in sorted(range(-w + 1, w), key=abs):
            if np.array_equal(shift(grid, dr, dc)[dr:], grid[dr:]):
                out = new_grid(10, w)
                out[:h] = grid
                for r in range(h, 10):
                    out[r] = shift(out[[r - dr]], 0, dc)[0]
                return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        dr, dc = int(rng.integers(1, 4)), int(rng.choice([0, 0, 1, 2]))
        mw = int(rng.integers(1, 4))
        motif = _gen.shape(rng, dr, mw, fill=0.7).astype(int) * _gen.color(rng)
        full = np.zeros((10, 10), dtype=int)
        left = int(rng.integers(0, 4))
        for k in range(10 // dr + 1):
            full = paste(full, motif, k * dr, left + k * dc, transparent=0)
        h = int(rng.integers(max(5, 2 * dr + 1), 9))
        if (dc == 0 or mw > 1) and np.array_equal(task(full[:h]), full):
            return full[:h]
