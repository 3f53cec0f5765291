"""Recolour the green paths: three ends -> red, a single bend (L) -> blue, two bends (U) -> magenta."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for path in find_objects(grid):
        mask = path.grid_mask(grid.shape)
        ends = int((mask & (neighbor_count(mask, diagonal=False) == 1)).sum())
        if ends == 3:
            color = 2
        else:
            color = 1 if path.size == path.height + path.width - 1 else 6
        out = draw_object(out, path, color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    def path(kind):
        h, w = int(rng.integers(3, 6)), int(rng.integers(3, 6))
        mask = np.zeros((h, w), dtype=bool)
        mask[-1] = True  # the base
        if kind == "L":
            mask[:, 0] = True
        elif kind == "U":
            mask[int(rng.integers(0, h - 1)):, 0] = True
            mask[int(rng.integers(0, h - 1)):, -1] = True
        else:  # three ends: a T or a U with one arm through the base
            mask[:, int(rng.integers(1, w - 1))] = True
            if rng.random() < 0.5:
                mask = np.zeros((h + 1, w), dtype=bool)
                mask[-2] = True
                mask[:, 0] = True
                mask[int(rng.integers(0, h - 1)):-1, -1] = True
        return dihedral(mask, int(rng.integers(8)))

    height, width = int(rng.integers(10, 20)), int(rng.integers(11, 22))
    grid = np.zeros((height, width), dtype=int)
    for kind in rng.choice(["L", "U", "T"], size=int(rng.integers(3, 8))):
        piece = path(kind)
        spot = _gen.free_spot(rng, grid > 0, *piece.shape)
        if spot:
            grid = paste(grid, piece * 3, *spot, transparent=0)
    return grid
