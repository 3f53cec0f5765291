"""The shape cut off by the edge is another shape blown up twice: answer with that small shape."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    shapes = [object_from_mask(grid, grid == c, background=bg) for c in unique_colors(grid, exclude=bg)]
    big = next(s for s in shapes if touches_border(s, grid))
    target = big.grid_mask(grid.shape)

    def fits(shape):
        scaled = scale_up(shape.mask.astype(int), 2)
        h, w = scaled.shape
        return any(np.array_equal(paste(np.zeros_like(grid), scaled, top, left) > 0, target)
                   for top in range(big.bottom - h, big.top + 1) for left in range(big.right - w, big.left + 1))

    return next(s for s in shapes if s is not big and fits(s)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.integers(15, 20))
    bg, *palette = _gen.colors(rng, 4)
    shapes = [_gen.shape(rng, int(rng.choice([3, 5])), int(rng.choice([3, 5])), fill=0.7) for _ in range(2)]
    grid = np.full((size, size), bg)
    big = scale_up(shapes[0].astype(int), 2)
    h, w = big.shape
    top = int(rng.choice([-int(rng.integers(0, h // 2)), size - h + int(rng.integers(0, h // 2))]))
    left = int(rng.integers(-w // 3, size - w + w // 3))
    grid = paste(grid, np.where(big, palette[0], bg), top, left, transparent=bg)
    for shape, color in zip(shapes, palette[1:]):
        spot = _gen.free_spot(rng, grid != bg, *shape.shape)
        if spot is None:
            return None
        grid = paste(grid, np.where(shape, color, bg), *spot, transparent=bg)
    expected = np.where(shapes[0], palette[1], bg)
    try:
        ok = np.array_equal(task(grid), expected)
    except StopIteration:
        ok = False
    return grid if ok else None
