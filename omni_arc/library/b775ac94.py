"""Mirror each shape toward each of the coloured cells at its corner, in that cell's colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid, diagonal=True, by_color=False):
        main = [(r, c) for r, c in obj.cells if grid[r, c] == obj.color]
        seeds = [(r, c) for r, c in obj.cells if grid[r, c] != obj.color]
        center = np.mean(seeds, axis=0)
        r0, c0 = min(main, key=lambda cell: np.abs(np.subtract(cell, center)).sum())  # the corner by the seeds
        for r, c in seeds:
            for mr, mc in main:
                nr = mr if r == r0 else r + r0 - mr
                nc = mc if c == c0 else c + c0 - mc
                if 0 <= nr < grid.shape[0] and 0 <= nc < grid.shape[1]:
                    out[nr, nc] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(14, 25))
    grid = np.zeros((size, size), dtype=int)
    for _ in range(int(rng.integers(1, 4))):
        k = int(rng.integers(2, 5))
        main = _gen.shape(rng, k, k, fill=0.6)
        while not main[-1, -1]:
            main = _gen.shape(rng, k, k, fill=0.6)
        color, *seed_colors = _gen.colors(rng, 4)
        block = np.zeros((2 * k, 2 * k), dtype=int)
        block[:k, :k][main] = color
        spots = [(k, k), (k - 1, k), (k, k - 1)]
        for i in rng.permutation(3)[:int(rng.integers(1, 4))]:
            block[spots[i]] = seed_colors[i]
        block = dihedral(block, int(rng.integers(8)))
        spot = _gen.free_spot(rng, grid != 0, 2 * k, 2 * k, margin=1)
        if spot is not None:
            grid[spot[0]:spot[0] + 2 * k, spot[1]:spot[1] + 2 * k] = block
    return grid
