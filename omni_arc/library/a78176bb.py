"""Replace each grey triangle on the diagonal line by a parallel line just beyond it."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = most_common_color(grid, exclude=[0, 5])
    r0, c0 = cells_of(grid, color)[0]
    rows, cols = np.indices(grid.shape)
    out = replace_color(grid, 5, 0)
    for triangle in find_objects(keep_colors(grid, 5)):
        far = max((c - r - (c0 - r0) for r, c in triangle.cells), key=abs)
        out[cols - rows == c0 - r0 + far + 2 * np.sign(far)] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    k = int(rng.integers(-2, 3))
    rows, cols = np.indices((10, 10))
    grid = np.where(cols - rows == k, _gen.color(rng, exclude=(0, 5)), 0)
    for side in rng.permutation([1, -1])[:int(rng.integers(1, 3))]:
        s = int(rng.integers(2, 5))
        g = grid if side == 1 else grid.T
        d = k if side == 1 else -k
        tops = [a for a in range(10) if 0 <= a + d + 1 and a + d + s < 10 and a + s <= 10]
        if not tops:
            continue
        a = int(rng.choice(tops))
        for i in range(s):
            g[a + i, a + i + d + 1:a + d + s + 1] = 5
    return grid if (grid == 5).any() else None
