"""Frame each maroon square with green half its width thick and cast a blue shadow below it to the bottom."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    squares = find_objects(grid)
    out = grid.copy()
    for sq in squares:
        out[sq.bottom:, sq.left:sq.right] = 1
    for sq in squares:
        k = sq.width // 2
        out = fill_rect(out, (sq.top - k, sq.left - k, sq.bottom + k, sq.right + k), 3)
    return overlay(out, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([10, 15, 20, 30]))
    grid = np.zeros((size, size), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    for _ in range(int(rng.integers(2, 5))):
        side = 2 * int(rng.integers(1, 4))
        k = side // 2
        spot = _gen.free_spot(rng, taken, side + 2 * k, side + 2 * k, margin=0)
        if spot:
            r, c = spot
            taken[r:r + side + 2 * k, c:c + side + 2 * k] = True
            grid[r + k:r + k + side, c + k:c + k + side] = 9
    return grid
