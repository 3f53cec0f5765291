"""Wherever the yellow dots repeat the pattern inside the blue box (turned or flipped), draw the box around them."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    template = crop(grid, largest(select_by_color(find_objects(grid), 1)).bbox)
    n = max(template.shape)  # pad so that boxes may hang over the edge
    out = pad(grid, n)
    for k in range(8):
        turned = dihedral(template, k)
        for r, c in find_pattern(pad(grid, n), replace_color(turned, 1, 0)):
            out = paste(out, turned, r, c)
    return out[n:-n, n:-n]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.where(rng.random((23, 23)) < rng.uniform(0.04, 0.08), 4, 0)
    h, w = [(3, 5), (4, 4), (4, 5), (5, 4), (5, 5)][int(rng.integers(5))]
    template = np.ones((h, w), dtype=int)
    inner = np.zeros((h - 2) * (w - 2), dtype=int)
    inner[rng.choice(len(inner), size=min(len(inner), int(rng.integers(3, 5))), replace=False)] = 4
    template[1:-1, 1:-1] = np.where(inner.reshape(h - 2, w - 2) == 4, 4, 1)
    used = np.zeros((23, 23), dtype=bool)
    for k in range(int(rng.integers(2, 5))):
        piece = template if k == 0 else replace_color(dihedral(template, int(rng.integers(8))), 1, 0)
        spot = _gen.free_spot(rng, used, *piece.shape)
        if spot is None:
            break
        grid = paste(grid, piece, *spot)
        used[spot[0]:spot[0] + piece.shape[0], spot[1]:spot[1] + piece.shape[1]] = True
    return grid
