"""Fill the bounding box of every cluster of red cells (cells at most one apart) with yellow, keeping the red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for cluster in clusters(grid == 2, gap=1):
        out = fill_rect(out, bbox(cluster), 4)
    return np.where(grid == 2, 2, out)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(12, 19)), int(rng.integers(12, 19))
    grid = _gen.scatter(rng, h, w, [_gen.color(rng, exclude=(0, 2, 4))], 0.55)
    taken = np.zeros((h, w), dtype=bool)
    placed, wanted = 0, int(rng.integers(2, 5))
    while placed < wanted:
        bh, bw = int(rng.integers(1, 4)), int(rng.integers(2, 7))
        red = rng.random((bh, bw)) < 0.6
        spot = _gen.free_spot(rng, taken, bh, bw, margin=2)
        if spot is None:
            break
        if len(clusters(red)) == 1 and bbox(red).shape == (bh, bw):
            (r, c), placed = spot, placed + 1
            grid[r:r + bh, c:c + bw][red] = 2
            taken[r:r + bh, c:c + bw] = True
    return grid
