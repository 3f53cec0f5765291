"""Stamp the light-blue pattern, in each colour of the other half, wherever that half has a coloured cell."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    h, w = grid.shape
    a, b = (grid[:, :w // 2], grid[:, w // 2:]) if w > h else (grid[:h // 2], grid[h // 2:])
    shape, colors = (a, b) if set(unique_colors(a)) <= {0, 8} else (b, a)
    n = len(colors)
    return scale_up(colors, n) * tile(shape == 8, n, n)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 5))
    shape = (rng.random((n, n)) < 0.5) * 8
    shape[int(rng.integers(n)), int(rng.integers(n))] = 8
    colors = np.where(rng.random((n, n)) < 0.4, rng.choice(_gen.colors(rng, 3, exclude=(0, 8)), size=(n, n)), 0)
    colors[int(rng.integers(n)), int(rng.integers(n))] = _gen.color(rng, exclude=(0, 8))
    halves = [shape, colors] if rng.random() < 0.5 else [colors, shape]
    return np.hstack(halves) if rng.random() < 0.5 else np.vstack(halves)
