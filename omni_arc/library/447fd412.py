"""Wherever red blocks repeat the red cells of the template at some scale, draw the whole template at that scale."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    template = [obj for obj in find_objects(grid, diagonal=True, by_color=False) if len(obj.colors) > 1][0]
    n = 4 * max(template.shape)  # pad so that copies may hang over the edge
    padded = pad(grid, n)
    out = padded.copy()
    for k in range(1, 5):
        big = scale_up(template.crop(), k)
        for r, c in find_pattern(padded, replace_color(big, 1, 0)):
            out = paste(out, big, r, c, transparent=0)
    return out[n:-n, n:-n]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    blue = np.pad(_gen.polyomino(rng, int(rng.integers(3, 7))), 1)
    if max(blue.shape) > 6:
        return None
    sides = np.argwhere(neighbors(blue, diagonal=False) & ~blue)
    template = blue.astype(int)
    for r, c in sides[rng.choice(len(sides), size=int(rng.integers(1, 3)), replace=False)]:
        template[r, c] = 2
    template = crop_to_content(template)
    H, W = int(rng.integers(12, 18)), int(rng.integers(12, 22))
    grid, expected = np.zeros((H, W), dtype=int), np.zeros((H, W), dtype=int)
    used = np.zeros((H, W), dtype=bool)
    for i in range(int(rng.integers(2, 4))):
        k = 1 if i == 0 else int(rng.integers(1, 4))
        big = scale_up(template, k)
        spot = _gen.free_spot(rng, used, *big.shape)
        if spot is None:
            break
        used[spot[0]:spot[0] + big.shape[0], spot[1]:spot[1] + big.shape[1]] = True
        grid = paste(grid, big if i == 0 else keep_colors(big, 2), *spot, transparent=0)
        expected = paste(expected, big, *spot, transparent=0)
    return grid if np.array_equal(task(grid), expected) else None
