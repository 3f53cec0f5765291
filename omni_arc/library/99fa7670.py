"""Each coloured cell draws a line to the right edge, then down that edge until the next coloured row."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for r, c in cells_of(grid != 0)[::-1]:  # lowest first: each path then stops above the line below it
        out = draw_walk(out, (r, c), "right", grid[r, c], edge="wall", turn=lambda *_: (1, 0))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(3, 10)), int(rng.integers(3, 10))
    grid = np.zeros((H, W), dtype=int)
    for r in rng.permutation(H)[:int(rng.integers(1, H // 2 + 2))]:
        grid[r, int(rng.integers(0, W - 1))] = _gen.color(rng)
    return grid
