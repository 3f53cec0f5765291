"""Complete the partly hidden ornament so that it looks the same after every quarter turn."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    center = object_from_mask(grid, grid != 0).center
    return complete_symmetry(grid, kinds=["rotate_90"], center=center)


ORBITS = [[(0, 0), (0, 4), (4, 0), (4, 4)], [(0, 2), (2, 0), (2, 4), (4, 2)], [(1, 1), (1, 3), (3, 1), (3, 3)], [(2, 2)]]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    for _ in range(100):
        ornament = np.zeros((5, 5), dtype=int)
        for orbit in ORBITS:
            color = _gen.color(rng)
            for k in rng.permutation(len(orbit))[:int(rng.integers(1, len(orbit) + 1))]:
                ornament[orbit[k]] = color
        if (ornament != 0).sum() < 13 and bbox(ornament).shape == (5, 5):
            grid = np.zeros((10, 10), dtype=int)
            return paste(grid, ornament, int(rng.integers(0, 6)), int(rng.integers(0, 6)))
    raise RuntimeError("no ornament spanned five by five")
