"""Keep the colours of the small square where the big blocky pattern, shrunk to its size, is filled."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, diagonal=True, by_color=False)
    big = largest(objects)
    key = [obj for obj in objects if obj is not big][0].crop()
    pattern = scale_down(big.crop(), big.height // len(key))
    return np.where(pattern != 0, key, 0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 5))
    k = int(rng.integers(3, 6 if n == 3 else 5))
    H, W = int(rng.integers(n * k + n + 4, 28)), int(rng.integers(n * k + 2, 26))
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(0, H - n * k - n - 2)), int(rng.integers(0, W - n * k + 1))
    grid[r:r + n * k, c:c + n * k] = scale_up(_gen.shape(rng, n, n, fill=0.55).astype(int), k) * _gen.color(rng)
    kr, kc = int(rng.integers(r + n * k + 2, H - n + 1)), int(rng.integers(0, W - n + 1))
    grid[kr:kr + n, kc:kc + n] = rng.integers(1, 10, size=(n, n))
    return grid
