"""The three colours on the diagonals repeat every three anti-diagonals: fill the whole grid with that pattern."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    h, w = grid.shape
    diagonal = np.add.outer(np.arange(h), np.arange(w)) % 3
    colors = {diagonal[r, c]: grid[r, c] for r, c in cells_of(grid != 0)}
    return np.vectorize(colors.get)(diagonal)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    colors = _gen.colors(rng, 3)
    index = np.add.outer(np.arange(7), np.arange(7))
    grid = np.zeros((7, 7), dtype=int)
    for start in rng.choice(11, size=int(rng.integers(1, 3)), replace=False):
        for d in range(start, start + 3):  # a band of three neighbouring diagonals
            grid[index == d] = colors[d % 3]
    return grid
