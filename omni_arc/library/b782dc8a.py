"""Flood the black corridor that holds the two-coloured seed, alternating its colours like a checkerboard."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r0, c0), (r1, c1) = [cells_of(grid, color)[0] for color in unique_colors(grid, exclude=[0, 8])]
    rows, cols = np.indices(grid.shape)
    same = (rows + cols) % 2 == (r0 + c0) % 2
    out = grid.copy()
    for region in components(grid != 8):
        if region[r0, c0]:
            out[region & same] = grid[r0, c0]
            out[region & ~same] = grid[r1, c1]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(8, 16)), int(rng.integers(8, 25))
    grid = np.where(rng.random((H, W)) < 0.5, 8, 0)
    a, b = _gen.colors(rng, 2, exclude=(0, 8))
    r, c = cells_of(grid, 0)[int(rng.integers(count_color(grid, 0)))]
    grid[r, c] = a
    for dr, dc in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
        if 0 <= r + dr < H and 0 <= c + dc < W and grid[r + dr, c + dc] == 0:
            grid[r + dr, c + dc] = b
    return grid if count_color(grid, b) else None
