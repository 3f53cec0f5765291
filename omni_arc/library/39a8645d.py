"""Output the shape that occurs most often."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shapes = group_by(find_objects(grid, diagonal=True), lambda o: (shape_key(o), o.color))
    return max(shapes.values(), key=len)[0].crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    kinds = []
    while len(kinds) < int(rng.integers(2, 4)):
        mask = _gen.polyomino(rng, int(rng.integers(4, 7)), diagonal=True)
        if mask.shape == (3, 3) and not any((mask == k).all() for k in kinds):
            kinds.append(mask)
    others = [int(rng.integers(1, 3)) for _ in kinds[1:]]
    counts = [max(others) + int(rng.integers(1, 3))] + others
    colors = _gen.colors(rng, len(kinds))
    size = int(rng.integers(12, 17))
    grid = np.zeros((size, size), dtype=int)
    for mask, color, count in zip(kinds, colors, counts):
        for _ in range(count):
            spot = _gen.free_spot(rng, grid != 0, 3, 3, margin=1)
            if spot is None:
                return None
            grid = paste(grid, np.where(mask, color, 0), *spot)
    return grid
