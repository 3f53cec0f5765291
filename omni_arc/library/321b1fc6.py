"""Every light-blue shape is replaced by a copy of the coloured template of the same shape; the template disappears."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shapes = find_objects(grid, by_color=False)
    template = [s for s in shapes if s.colors != [8]][0]
    out = np.zeros_like(grid)
    for s in shapes:
        if s.colors == [8]:
            out = paste(out, template.crop(), s.top, s.left, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(1, 3)), int(rng.integers(2, 4))
    mask = _gen.shape(rng, h, w, fill=0.8)
    template = np.where(mask, rng.choice(_gen.colors(rng, 2, exclude=(0, 8)), size=(h, w)), 0)
    grid = np.zeros((10, 10), dtype=int)
    for k in range(int(rng.integers(2, 5))):
        spot = _gen.free_spot(rng, grid != 0, h, w)
        if spot is not None:
            grid = paste(grid, template if k == 0 else np.where(mask, 8, 0), spot[0], spot[1], transparent=0)
    return grid
