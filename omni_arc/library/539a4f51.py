"""Grow the nested L-shaped layers of colour outward over a 10x10 grid, repeating them."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    layers = np.diag(crop_to_content(grid))
    rows, cols = np.indices((10, 10))
    return layers[np.maximum(rows, cols) % len(layers)]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(4, 6))
    palette = _gen.colors(rng, int(rng.integers(2, 5)))
    layers = np.array(palette)[rng.integers(0, len(palette), size=n)]
    layers[:len(palette)] = rng.permutation(palette)[:n]
    rows, cols = np.indices((n, n))
    grid = np.zeros((5, 5), dtype=int)
    grid[:n, :n] = layers[np.maximum(rows, cols)]
    return grid
