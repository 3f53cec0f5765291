"""A green path leaves the green pair straight ahead, turning toward the red pair whenever light blue blocks it, until it reaches red."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    (r0, c0), (r1, c1) = cells_of(grid, 3)
    tr, tc = cells_of(grid, 2)[0]
    toward = lambda r, c, d: (np.sign(tr - r), 0) if d[0] == 0 else (0, np.sign(tc - c))
    for start, step in [((r1, c1), (r1 - r0, c1 - c0)), ((r0, c0), (r0 - r1, c0 - c1))]:  # try both ends
        path = walk(grid, start, step, walls=8, stop_at=2, turn=toward)
        if path and grid[path[-1]] == 2:
            return draw_walk(grid, start, step, 3, walls=8, stop_at=2, turn=toward)
    return grid


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(10, 21)), int(rng.integers(10, 21))
    for _ in range(1000):
        grid = _gen.scatter(rng, h, w, [8], float(rng.uniform(0.15, 0.35)))
        first = np.array([(1, 0), (0, 1)][int(rng.integers(2))]) * rng.choice([-1, 1])
        second = first[::-1] * rng.choice([-1, 1])
        third = first * rng.choice([-1, 1])
        green = np.array([int(rng.integers(h)), int(rng.integers(w))])
        cells, blue, at = [green, green + first], [green - first], green + first
        for step, length in [(first, int(rng.integers(1, 8))), (second, int(rng.integers(2, 8))),
                             (third, int(rng.integers(1, 8)))]:
            for _ in range(length):
                at = at + step
                cells.append(at)
            blue.append(at + step)
        blue.pop()  # after the last leg comes red, not a blocker
        red = [at + third, at + 2 * third]
        if not all(in_grid(grid, *p) for p in cells + red + blue[1:]):
            continue
        for p in blue:
            if in_grid(grid, *p):
                grid[tuple(p)] = 8
        for k, p in enumerate(cells):
            grid[tuple(p)] = 3 if k < 2 else 0
        for p in red:
            grid[tuple(p)] = 2
        expected = grid.copy()
        for p in cells[2:]:
            expected[tuple(p)] = 3
        if np.array_equal(task(grid), expected):
            return grid
    raise RuntimeError("no valid input found")
