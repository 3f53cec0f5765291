"""Each red dot shoots a red line to the nearest light-blue wall in each direction, which gets a 3x3 knot around the hit."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    knot = np.array([[8, 8, 8], [8, 2, 8], [8, 8, 8]])
    out = grid.copy()
    for r, c in cells_of(grid, 2):
        for dr, dc in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
            rr, cc = r + dr, c + dc
            while in_grid(grid, rr, cc) and grid[rr, cc] != 8:
                rr, cc = rr + dr, cc + dc
            if in_grid(grid, rr, cc):
                out = draw_line(out, (r, c), (rr, cc), 2)
                out = paste(out, knot, rr - 1, cc - 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    height, width = int(rng.integers(12, 19)), int(rng.integers(12, 20))
    grid = np.zeros((height, width), dtype=int)
    walls = sorted(rng.choice(np.arange(2, height - 2), size=int(rng.integers(1, 3)), replace=False))
    if len(walls) == 2 and walls[1] - walls[0] < 5:
        walls = walls[:1]
    for row in walls:
        grid[row] = 8
    cols = rng.permutation(np.arange(1, width - 1))
    used = []
    for col in cols[:int(rng.integers(1, 4))]:
        if any(abs(col - u) < 4 for u in used):
            continue
        rows = [r for r in range(height) if all(abs(r - w) >= 3 for w in walls)]
        if rows:
            grid[int(rng.choice(rows)), col] = 2
            used.append(col)
    if not used:
        return None
    return grid if rng.random() < 0.5 else transpose(grid)
