"""List the colours of the odd blocks (all but the most common), most frequent first."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    counts = color_counts(grid, exclude=[0, most_common_color(grid, exclude=0)])
    return np.array(sorted(counts, key=counts.get, reverse=True))[:, None]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    rows, cols = int(rng.integers(6, 8)), int(rng.integers(3, 6))
    main, *odd = _gen.colors(rng, 4)
    cells = np.full(rows * cols, main)
    spots = rng.choice(rows * cols, size=6, replace=False)
    cells[spots[:3]], cells[spots[3:5]], cells[spots[5]] = odd[0], odd[1], odd[2]
    grid = np.zeros((2 * rows + 1, 3 * cols + 1), dtype=int)
    for k, color in enumerate(cells):
        r, c = 1 + 2 * (k // cols), 1 + 3 * (k % cols)
        grid[r, c:c + 2] = color
    return grid
