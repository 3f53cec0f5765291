"""List the shapes' colours from the biggest shape to the smallest."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    counts = color_counts(grid, exclude=0)
    return np.array(sorted(counts, key=counts.get, reverse=True))[:, None]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((12, 12), dtype=int)
    sizes = rng.choice(np.arange(3, 12), size=3, replace=False)
    for size, color in zip(sizes, _gen.colors(rng, 3)):
        piece = _gen.polyomino(rng, int(size), diagonal=True)
        spot = _gen.free_spot(rng, grid > 0, *piece.shape)
        if spot is None:
            return None
        grid = paste(grid, piece * color, *spot, transparent=0)
    return grid
