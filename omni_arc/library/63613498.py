"""Paint grey the shape that matches the one in the grey-fenced corner."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    key = find_objects(grid[:3, :3])[0]
    out = grid.copy()
    for obj in find_objects(grid):
        if obj.color not in (key.color, 5) and same_shape(obj, key):
            out = draw_object(out, obj, 5)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((10, 10), dtype=int)
    grid[3, :4] = grid[:4, 3] = 5
    key_color, match_color, *others = _gen.colors(rng, 5, exclude=(0, 5))
    key = _gen.shape(rng, int(rng.integers(2, 4)), int(rng.integers(2, 4)), fill=0.6)
    grid[:key.shape[0], :key.shape[1]][key] = key_color
    used = np.zeros((10, 10), dtype=bool)
    used[:5, :5] = True
    for i, color in enumerate([match_color] + others[:int(rng.integers(1, 4))]):
        mask = key
        while i > 0 and (mask.shape == key.shape and (mask == key).all()):
            mask = _gen.shape(rng, int(rng.integers(1, 4)), int(rng.integers(1, 4)), fill=0.6)
        spot = _gen.free_spot(rng, used, *mask.shape)
        if spot is None:
            return None
        used[spot[0]:spot[0] + mask.shape[0], spot[1]:spot[1] + mask.shape[1]] = True
        grid[spot[0]:spot[0] + mask.shape[0], spot[1]:spot[1] + mask.shape[1]][mask] = color
    return grid
