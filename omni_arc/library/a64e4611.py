"""Fill the long empty corridors that cross the noise with green, keeping one black cell from the noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    core = erode(pad(grid, 1, 0) == 0, diagonal=True)[1:-1, 1:-1]  # black cells with no coloured neighbour
    out = grid.copy()
    while (box := largest_rectangle(core)) and box.height * box.width >= 5:
        core = fill_rect(core, box, 0) == 1
        at_edge = box.top == 0 or box.left == 0 or box.bottom == grid.shape[0] or box.right == grid.shape[1]
        if at_edge and max(box.height, box.width) >= 5:
            out = fill_rect(out, box, 3)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    n = 30
    grid = np.where(rng.random((n, n)) < 0.55, _gen.color(rng, exclude=(0, 3)), 0)
    w = int(rng.integers(4, 10))
    a = int(rng.integers(2, n - w - 2))
    bands = np.zeros((n, n), dtype=bool)
    bands[:, a:a + w] = True  # the trunk, edge to edge
    rows = rng.permutation(np.arange(1, n - 5))
    used = np.zeros(n, dtype=bool)
    for r in rows[:int(rng.integers(1, 3))]:
        h = int(rng.integers(3, 6))
        if used[max(r - 2, 0):r + h + 2].any():
            continue
        used[r:r + h] = True
        if rng.random() < 0.5:
            bands[r:r + h, :a] = True
        else:
            bands[r:r + h, a + w:] = True
    grid[bands] = 0
    # reject noise that opens extra corridors: green must be exactly the bands shrunk by one
    if not np.array_equal(task(grid) == 3, erode(pad(bands, 1, 1) == 1, diagonal=True)[1:-1, 1:-1]):
        return None
    return grid if rng.random() < 0.5 else grid.T
