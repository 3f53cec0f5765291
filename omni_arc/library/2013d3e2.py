"""The ornament is mirror symmetric both ways: output its top-left quarter."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    ornament = crop_to_content(grid)
    return ornament[:ornament.shape[0] // 2, :ornament.shape[1] // 2]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    quarter = _gen.scatter(rng, 3, 3, _gen.colors(rng, 4), density=0.7)
    quarter[0, int(rng.integers(3))] = _gen.color(rng)  # reach the top and left edges
    quarter[int(rng.integers(3)), 0] = _gen.color(rng)
    ornament = mirror_extend(mirror_extend(quarter, "right"), "down")
    return paste(new_grid(10, 10), ornament, int(rng.integers(0, 5)), int(rng.integers(0, 5)))
