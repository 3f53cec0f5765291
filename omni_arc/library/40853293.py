"""Join each pair of same-coloured dots with a line; vertical lines cross over horizontal ones."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    pairs = [cells_of(grid, color) for color in unique_colors(grid, exclude=0)]
    for (r1, c1), (r2, c2) in sorted(pairs, key=lambda pair: pair[0][1] == pair[1][1]):
        out = draw_line(out, (r1, c1), (r2, c2), grid[r1, c1])
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 31)), int(rng.integers(10, 31))
    grid = np.zeros((h, w), dtype=int)
    lines = np.zeros((h, w), dtype=bool)
    used = (set(), set())  # rows that hold a horizontal line, columns that hold a vertical one
    for color in _gen.colors(rng, int(rng.integers(2, 7))):
        for _ in range(30):
            axis = int(rng.integers(2))
            g, l = (grid, lines) if axis == 0 else (grid.T, lines.T)  # views: writes reach grid and lines
            r = int(rng.integers(g.shape[0]))
            a, b = sorted(int(x) for x in rng.choice(g.shape[1], size=2, replace=False))
            if r in used[axis] or b - a < 2 or (g[r, a:b + 1] != 0).any() or l[r, a] or l[r, b]:
                continue
            used[axis].add(r)
            l[r, a:b + 1] = True
            g[r, a] = g[r, b] = color
            break
    return grid
