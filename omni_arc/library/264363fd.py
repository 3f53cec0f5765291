"""Stamp the small pattern's 3x3 core on every marker of its centre colour, and draw lines across the marker's rectangle in the colour of each arm that reaches two cells out."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    stamp = smallest(find_objects(grid, background=bg, by_color=False))
    r0, c0 = stamp.height // 2, stamp.width // 2
    core = stamp.patch[r0 - 1:r0 + 2, c0 - 1:c0 + 2]
    out = erase(grid, stamp)
    markers = cells_of(out, core[1, 1])
    for dr, dc in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
        if 0 <= r0 + 2 * dr < stamp.height and 0 <= c0 + 2 * dc < stamp.width:
            arm = stamp.patch[r0 + 2 * dr, c0 + 2 * dc]
            if arm != bg:
                for r, c in markers:
                    out = draw_ray(out, (r, c), (dr, dc), arm, stop_at=bg)
    for r, c in markers:
        out = paste(out, core, r - 1, c - 1, transparent=bg)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    size = int(rng.integers(20, 31))
    bg, room, center, vertical, horizontal, corner = _gen.colors(rng, 6, exclude=())
    armed = [(True, True), (True, False), (False, True)][int(rng.integers(3))]
    grid = np.full((size, size), bg)
    taken = np.zeros((size, size), dtype=bool)
    stamp = np.full((5, 5), bg)
    stamp[1:4, 1:4] = corner if rng.random() < 0.6 else bg
    reach = [0 if a else 1 for a in armed]  # an armed axis reaches the stamp's edge
    stamp[reach[0]:5 - reach[0], 2] = vertical
    stamp[2, reach[1]:5 - reach[1]] = horizontal
    stamp[2, 2] = center
    stamp = crop(stamp, bbox(stamp != bg))
    for _ in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(6, 15)), int(rng.integers(6, 19))
        spot = _gen.free_spot(rng, taken, h, w, margin=1)
        if spot is None:
            continue
        r, c = spot
        grid[r:r + h, c:c + w] = room
        taken[r:r + h, c:c + w] = True
        marks = []
        for _ in range(int(rng.integers(1, 3))):
            mr, mc = int(rng.integers(r + 1, r + h - 1)), int(rng.integers(c + 1, c + w - 1))
            if all(abs(mr - a) > 2 and abs(mc - b) > 2 for a, b in marks):
                marks.append((mr, mc))
                grid[mr, mc] = center
    spot = _gen.free_spot(rng, taken, *stamp.shape, margin=1)
    if spot is None or not (grid == center).any() or taken.mean() > 0.45:
        return None
    return paste(grid, stamp, *spot)
