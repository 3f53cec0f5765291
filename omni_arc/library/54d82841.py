"""Mark the bottom row with yellow under the middle of every cup."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for obj in find_objects(grid):
        out[-1, obj.left + obj.width // 2] = 4
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(5, 9)), int(rng.integers(5, 12))
    grid = np.zeros((H, W), dtype=int)
    used = np.zeros((H, W), dtype=bool)
    used[-2:] = True
    cup = np.array([[1, 1, 1], [1, 0, 1]])
    for k in range(int(rng.integers(1, 4))):
        spot = _gen.free_spot(rng, used, 2, 3)
        if spot is None:
            break
        r, c = spot
        grid[r:r + 2, c:c + 3] = cup * _gen.color(rng, exclude=(0, 4))
        used[r:r + 2, c:c + 3] = True
        used[:, c + 1] = True
    return grid if grid.any() else None
