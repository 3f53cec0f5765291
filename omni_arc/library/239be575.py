"""Answer light blue if a chain of cells connects the two red squares, black otherwise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    red = count_color(grid, 2)
    parts = find_objects(grid, by_color=False)
    joined = any(sum(grid[cell] == 2 for cell in part.cells) == red for part in parts)
    return np.array([[8 if joined else 0]])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    want = rng.random() < 0.5
    while True:
        h, w = int(rng.integers(5, 9)), int(rng.integers(5, 9))
        grid = _gen.scatter(rng, h, w, [8], 0.4)
        spots = []
        for _ in range(2):
            spot = _gen.free_spot(rng, grid == 2, 2, 2, margin=1)
            if spot is None:
                break
            grid[spot[0]:spot[0] + 2, spot[1]:spot[1] + 2] = 2
            spots.append(spot)
        if len(spots) == 2:
            part = [m for m in components(grid != 0) if m[spots[0]]][0]
            if part[spots[1]] == want:
                return grid
