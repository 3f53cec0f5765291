"""Two equal marks at the same spot of the outer 2x2 blocks of a row or column of blocks put that mark in the middle block too."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    for g, o in [(grid, out), (grid.T, out.T)]:
        pair = (g[:, :2] == g[:, 6:]) & (g[:, :2] > 1)
        o[:, 3:5][pair] = g[:, :2][pair]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    base = np.ones((8, 8), dtype=int)
    base[[2, 5]], base[:, [2, 5]] = 0, 0
    marks = [int(c) for c in rng.choice([2, 3, 4, 6, 7, 8, 9], size=2, replace=False)]
    for _ in range(100):
        grid = base.copy()
        for _ in range(int(rng.integers(1, 4))):  # pairs of equal marks in the outer blocks of a line of blocks
            k, i, j, color = 3 * int(rng.integers(3)), int(rng.integers(2)), int(rng.integers(2)), rng.choice(marks)
            if rng.random() < 0.5:
                grid[k + i, [j, 6 + j]] = color
            else:
                grid[[i, 6 + i], k + j] = color
        for _ in range(int(rng.integers(0, 4))):  # loose marks
            r, c = rng.choice([0, 1, 3, 4, 6, 7], size=2)
            if not (3 <= r <= 4 and 3 <= c <= 4):
                grid[r, c] = rng.choice(marks)
        targets = {}
        for r, c in cells_of(grid > 1):
            for rr, cc in [(r, c + 6), (r + 6, c)]:
                if in_grid(grid, rr, cc) and grid[rr, cc] == grid[r, c]:
                    targets.setdefault(((r + rr) // 2, (c + cc) // 2), set()).add(int(grid[r, c]))
        if targets and all(grid[t] == 1 and len(v) == 1 for t, v in targets.items()):
            return grid
    raise RuntimeError("no valid input found")
