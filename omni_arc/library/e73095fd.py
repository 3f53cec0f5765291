"""Fill every grey-walled box with yellow: a black rectangle ringed by grey whose corners do not run on as corridors."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for hole in components(grid == 0):
        box = bbox(hole)
        corners = [(box.top - 1, box.left - 1, -1, -1), (box.top - 1, box.right, -1, 1),
                   (box.bottom, box.left - 1, 1, -1), (box.bottom, box.right, 1, 1)]
        walled = (grid[outline(hole, diagonal=True)] == 5).all()
        corridor = any(in_grid(grid, rr, cc) and grid[rr, cc] == 5
                       for r, c, dr, dc in corners for rr, cc in [(r + dr, c), (r, c + dc)])
        if hole[box.slices].all() and walled and not corridor:
            out = fill_mask(out, hole, 4)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    height, width = int(rng.integers(12, 17)), int(rng.integers(14, 20))
    grid = np.zeros((height, width), dtype=int)
    expected = grid.copy()
    boxes = []
    for _ in range(int(rng.integers(2, 5))):
        h, w = int(rng.integers(3, 7)), int(rng.integers(3, 7))
        spot = _gen.free_spot(rng, grid > 0, h, w, margin=2)
        if spot:
            r, c = spot
            grid = draw_rect(grid, (r, c, r + h, c + w), 5)
            boxes.append((r, c, h, w))
            expected = fill_rect(draw_rect(expected, (r, c, r + h, c + w), 5), (r + 1, c + 1, r + h - 1, c + w - 1), 4)
    for r, c, h, w in boxes:
        sides = [((r, c + w // 2), "up"), ((r + h - 1, c + w // 2), "down"), ((r + h // 2, c), "left"),
                 ((r + h // 2, c + w - 1), "right")]
        for k in rng.choice(4, size=int(rng.integers(1, 3)), replace=False):
            start, direction = sides[k]
            grid = draw_ray(grid, start, direction, 5, background=0)
    expected = np.where(grid == 5, 5, expected)
    return grid if np.array_equal(task(grid), expected) else None
