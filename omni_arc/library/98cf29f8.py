"""Pull the rectangle along its thin stick until it touches the other rectangle, dropping the stick."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid)
    anchor = next(obj for obj in objects if obj.is_rectangle)
    mover = next(obj for obj in objects if not obj.is_rectangle)
    mask = mover.grid_mask(grid.shape)
    rect = mask & (mask.sum(axis=1, keepdims=True) > 1) & (mask.sum(axis=0, keepdims=True) > 1)
    return move_next_to(fill_mask(grid, mask & ~rect, 0), object_from_mask(grid, rect), anchor)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(12, 18)), int(rng.integers(14, 20))
    grid = np.zeros((H, W), dtype=int)
    a, m = _gen.colors(rng, 2)
    ah, aw, mh, mw = (int(x) for x in rng.integers(2, 7, size=4))
    ah, mh = max(ah, 3), max(mh, 3)
    top = int(rng.integers(0, H - max(ah, mh) + 1))
    ar, mr = top + int(rng.integers(0, max(ah, mh) - ah + 1)), top + int(rng.integers(0, max(ah, mh) - mh + 1))
    overlap = range(max(ar, mr), min(ar + ah, mr + mh))
    if not overlap or aw + mw + 3 > W:
        return None
    ac = int(rng.integers(0, W - aw - mw - 2))
    mc = int(rng.integers(ac + aw + 2, W - mw + 1))
    grid[ar:ar + ah, ac:ac + aw] = a
    grid[mr:mr + mh, mc:mc + mw] = m
    grid[int(rng.choice(overlap)), ac + aw:mc] = m
    return dihedral(grid, int(rng.integers(8)))
