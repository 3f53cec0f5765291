"""Wherever the template's two marker colours reappear (scaled, turned or flipped), redraw the whole template there."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    template = max_by(find_objects(grid, diagonal=True, by_color=False, background=bg), lambda obj: len(obj.colors))
    out = grid.copy()
    for k in range(1, 5):
        for i in range(8):
            big = scale_up(dihedral(template.crop(), i), k)
            for r, c in find_pattern(grid, replace_color(big, template.color, bg)):
                out = paste(out, big, r, c, transparent=bg)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    bg, main, a, b = _gen.colors(rng, 4, exclude=())
    template = np.where(_gen.shape(rng, 3, 3, fill=float(rng.uniform(0.5, 0.8))), main, bg)
    ra, rb = rng.choice(9, size=2, replace=False)
    template.flat[ra], template.flat[rb] = a, b
    if len(components(template != bg, diagonal=True)) > 1 or count_color(template, main) < 2:
        return None
    H, W = int(rng.integers(18, 23)), int(rng.integers(18, 23))
    grid, expected = np.full((H, W), bg), np.full((H, W), bg)
    for n in range(int(rng.integers(2, 5))):
        k = 1 if n == 0 else int(rng.integers(1, 4))
        big = scale_up(dihedral(template, int(rng.integers(8))), k)
        spot = _gen.free_spot(rng, expected != bg, *big.shape)
        if spot is None:
            break
        grid = paste(grid, big if n == 0 else replace_color(big, main, bg), *spot)
        expected = paste(expected, big, *spot)
    return grid if np.array_equal(task(grid), expected) else None
