"""Move the red box two steps along its dotted green line (right or down)."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    box = select_by_color(find_objects(grid), 2)[0]
    dots = cells_of(grid, 3)
    if all(r == dots[0][0] for r, c in dots):
        return move(grid, box, 0, 2)
    return move(grid, box, 2, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = 7, int(rng.integers(7, 18))
    r, start = int(rng.integers(1, H - 1)), int(rng.integers(2))
    grid = np.zeros((H, W), dtype=int)
    grid[r, start::2] = 3
    c = int(rng.choice([x for x in range(start, W - 3, 2) if x >= 1]))
    grid[r - 1:r + 2, c - 1:c + 2] = 2
    grid[r, c] = 3
    return grid if rng.random() < 0.5 else grid.T.copy()
