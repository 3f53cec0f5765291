"""Turn and move each shape so that its coloured marker cells land on a matching group of loose dots."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shapes = [p for p in find_objects(grid, by_color=False) if p.size > 1]
    dots = grid.copy()
    for shape in shapes:
        dots = erase(dots, shape)
    out = dots.copy()
    for shape in shapes:
        for i in range(8):
            patch = dihedral(shape.crop(), i)
            spots = find_pattern(dots, replace_color(patch, shape.color, 0), transparent=0)
            if spots:
                out = paste(out, patch, *spots[0], transparent=0)
                break
    return out


def _placements(dots: np.ndarray, patch: np.ndarray, body: int) -> set:
    """Every distinct (where, how) a turned copy of ``patch`` can land with its markers on ``dots``."""
    found = set()
    for i in range(8):
        turned = dihedral(patch, i)
        for spot in find_pattern(dots, replace_color(turned, body, 0), transparent=0):
            found.add((spot, turned.tobytes(), turned.shape))
    return found


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    h, w = int(rng.integers(12, 25)), int(rng.integers(12, 20))
    grid, dots = np.zeros((h, w), dtype=int), np.zeros((h, w), dtype=int)
    taken = np.zeros((h, w), dtype=bool)
    body = int(rng.choice([3, 5, 6, 8]))
    patches = []
    for _ in range(int(rng.integers(1, 3))):
        patch = _gen.polyomino(rng, int(rng.integers(5, 10))).astype(int) * body
        cells = cells_of(patch, body)
        picks = rng.choice(len(cells), size=3, replace=False)
        for cell, color in zip(picks, rng.permutation([c for c in (1, 2, 3, 4) if c != body])):
            patch[cells[cell]] = color
        markers = (patch != body) & (patch != 0)
        if neighbor_count(markers, diagonal=False)[markers].any():  # neighbouring dots would merge
            return None
        copy = dihedral(patch, int(rng.integers(8)))
        for stamp, target in ((patch, grid), (np.where(copy == body, 0, copy), dots)):
            spot = _gen.free_spot(rng, taken, *stamp.shape)
            if spot is None:
                return None
            r, c = spot
            taken[r:r + stamp.shape[0], c:c + stamp.shape[1]] = True
            target[r:r + stamp.shape[0], c:c + stamp.shape[1]] = stamp
        patches.append(patch)
    if any(len(_placements(dots, p, body)) != 1 for p in patches):
        return None
    return grid + dots
