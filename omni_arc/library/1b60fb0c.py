"""The blue figure has quarter-turn symmetry with its left part missing: redraw that part in red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid)
    row = (box.top + box.bottom - 1) / 2
    full = complete_symmetry(grid, kinds=["rotate_90"], center=(row, box.right - 1 - (row - box.top)))
    return np.where((full != 0) & (grid == 0), 2, grid)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    for _ in range(100):
        n = int(rng.integers(6, 11))
        part = np.zeros((n, n), dtype=bool)
        part[:(n + 1) // 2, n // 2:] = _gen.shape(rng, (n + 1) // 2, (n + 1) // 2, fill=0.5)
        figure = part | np.rot90(part) | np.rot90(part, 2) | np.rot90(part, 3)
        r, c = np.indices((n, n)) - (n - 1) / 2
        left = c < -np.abs(r)
        if (figure & left).sum() >= 3:
            grid = np.zeros((n + int(rng.integers(0, 3)), n + int(rng.integers(0, 3))), dtype=int)
            grid[:n, :n][figure & ~left] = 1
            return shift(grid, int(rng.integers(0, grid.shape[0] - n + 1)), int(rng.integers(0, grid.shape[1] - n + 1)))
    raise RuntimeError("no figure had a left part")
