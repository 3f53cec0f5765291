"""Each dot inside the frame flies to the side of the frame that has its colour and stops against it; dots of other colours vanish."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    out[1:-1, 1:-1] = 0
    sides = {grid[0, 1]: "up", grid[-1, 1]: "down", grid[1, 0]: "left", grid[1, -1]: "right"}
    for r, c in cells_of(out != grid):
        if grid[r, c] in sides:
            out[([(r, c)] + walk(out, (r, c), sides[grid[r, c]]))[-1]] = grid[r, c]
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(8, 16)), int(rng.integers(8, 18))
    walls = _gen.colors(rng, 6)
    for _ in range(100):
        grid = np.zeros((h, w), dtype=int)
        grid[0, 1:-1], grid[-1, 1:-1], grid[1:-1, 0], grid[1:-1, -1] = walls[:4]
        expected = grid.copy()
        dots = []
        for _ in range(int(rng.integers(4, 11))):
            r, c = int(rng.integers(1, h - 1)), int(rng.integers(1, w - 1))
            if all(max(abs(r - a), abs(c - b)) > 1 for a, b in dots):  # lone dots
                dots.append((r, c))
                grid[r, c] = rng.choice(walls)
        for r, c in dots:
            side = walls.index(grid[r, c])
            lane = [grid[1:r, c], grid[r + 1:-1, c], grid[r, 1:c], grid[r, c + 1:-1]][side] if side < 4 else [0]
            target = [(1, c), (h - 2, c), (r, 1), (r, w - 2)][side] if side < 4 else (r, c)
            if np.any(lane) or (side < 4 and expected[target]):
                break
            if side < 4:
                expected[target] = grid[r, c]
        else:
            if np.array_equal(task(grid), expected):
                return grid
    raise RuntimeError("no valid input found")
