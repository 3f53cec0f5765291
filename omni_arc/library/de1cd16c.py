"""Answer with the colour of the area that holds the most noise dots."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    noise = least_common_color(grid)
    areas = [most_common_color(grid[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2], exclude=noise)
             for r, c in cells_of(grid, noise)]
    return new_grid(1, 1, max(set(areas), key=areas.count))


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(14, 19)), int(rng.integers(13, 20))
    a, b, c, d, noise = _gen.colors(rng, 5, exclude=())
    r, col = int(rng.integers(5, height - 5)), int(rng.integers(5, width - 5))
    grid = np.full((height, width), a)
    grid[:r, col:], grid[r:, :col], grid[r:, col:] = b, c, d
    if rng.random() < 0.3:
        grid[r:] = c
    counts = rng.permutation([4, 3, 2, 1] if len(unique_colors(grid)) == 4 else [4, 2, 1, 0])
    for color, count in zip(unique_colors(grid), counts):
        cells = [cell for cell in cells_of(grid, color) if (grid[max(cell[0] - 1, 0):cell[0] + 2, max(cell[1] - 1, 0):cell[1] + 2] == color).all()]
        for k in rng.choice(len(cells), size=count, replace=False):
            grid[cells[k]] = noise
    return grid
