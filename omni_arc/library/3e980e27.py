"""Copy the shape holding a red or green cell onto every lone cell of that colour (mirrored left-right for red)."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    pieces = find_objects(grid, diagonal=True, by_color=False)
    for template in [p for p in pieces if p.size > 1]:
        marker = 2 if 2 in template.colors else 3
        patch = flip_left_right(template.crop()) if marker == 2 else template.crop()
        (ar, ac), = cells_of(patch, marker)
        for dot in [p for p in pieces if p.size == 1 and p.color == marker]:
            out = paste(out, patch, dot.top - ar, dot.left - ac, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid = np.zeros((13, 13), dtype=int)
    taken = np.zeros_like(grid, dtype=bool)
    markers = [2, 3] if rng.random() < 0.5 else [int(rng.choice([2, 3]))]
    for marker, body in zip(markers, _gen.colors(rng, 2, exclude=(0, 2, 3))):
        patch = _gen.polyomino(rng, int(rng.integers(3, 6)), diagonal=True).astype(int) * body
        cells = cells_of(patch, body)
        patch[cells[int(rng.integers(len(cells)))]] = marker
        copy = flip_left_right(patch) if marker == 2 else patch
        for i, stamp in enumerate([patch] + [copy] * int(rng.integers(1, 3))):
            spot = _gen.free_spot(rng, taken, *stamp.shape)
            if spot is None:
                return None
            r, c = spot
            taken[r:r + stamp.shape[0], c:c + stamp.shape[1]] = True
            grid[r:r + stamp.shape[0], c:c + stamp.shape[1]] = stamp if i == 0 else np.where(stamp == marker, marker, 0)
    return grid
