"""Pull the green cells in to the red centre and the orange cells in to the blue centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    out = grid
    for center_color, satellite_color in ((2, 3), (1, 7)):
        center = select_by_color(objects, center_color)[0]
        for satellite in select_by_color(objects, satellite_color):
            out = slide(out, satellite, direction_to(satellite, center))
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((15, 15), dtype=int)
    rays = []
    (r1, c1), (r2, c2) = rng.integers(0, 15, size=(2, 2)).tolist()
    if r1 == r2 or c1 == c2:
        return None
    for (r, c), center_color, satellite_color in (((r1, c1), 2, 3), ((r2, c2), 1, 7)):
        grid[r, c] = center_color
        for dr, dc in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
            k = int(rng.integers(2, 10))
            if rng.random() < 0.7 and 0 <= r + k * dr < 15 and 0 <= c + k * dc < 15:
                grid[r + k * dr, c + k * dc] = satellite_color
                rays.append((min(r, r + k * dr), min(c, c + k * dc), max(r, r + k * dr) + 1, max(c, c + k * dc) + 1))
    if any((crop(grid, ray) != 0).sum() != 2 for ray in rays):
        return None  # something else lies on a satellite's path
    return grid
