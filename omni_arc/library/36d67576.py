"""Copy the decorations of the fully decorated shape onto every turned or mirrored copy of it (found by its yellow body and red mark)."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    template = largest(find_objects(grid, diagonal=True, by_color=False)).crop()
    out = grid.copy()
    for i in range(8):
        patch = dihedral(template, i)
        for r, c in find_pattern(grid, keep_colors(patch, [2, 4]), transparent=0):
            out = paste(out, patch, r, c, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    body = np.pad(_gen.polyomino(rng, int(rng.integers(4, 8))), 1)
    around = cells_of(outline(body, diagonal=False))
    picks = rng.choice(len(around), size=int(rng.integers(3, min(7, len(around)) + 1)), replace=False)
    template = body.astype(int) * 4
    for k, cell in enumerate(picks):
        template[around[cell]] = 2 if k == 0 else int(rng.choice([1, 3]))
    template = crop_to_content(template)
    h, w = int(rng.integers(12, 16)), int(rng.integers(12, 16))
    grid, taken = np.zeros((h, w), dtype=int), np.zeros((h, w), dtype=bool)
    for k in range(int(rng.integers(2, 5))):
        stamp = dihedral(template if k == 0 else keep_colors(template, [2, 4]), int(rng.integers(8)))
        spot = _gen.free_spot(rng, taken, *stamp.shape)
        if spot is None:
            return None
        r, c = spot
        taken[r:r + stamp.shape[0], c:c + stamp.shape[1]] = True
        grid[r:r + stamp.shape[0], c:c + stamp.shape[1]] = stamp
    template = largest(find_objects(grid, diagonal=True, by_color=False)).crop()
    hits = {(spot, dihedral(template, i).tobytes()) for i in range(8)
            for spot in find_pattern(grid, keep_colors(dihedral(template, i), [2, 4]), transparent=0)}
    if len(hits) != len(find_objects(grid, diagonal=True, by_color=False)):
        return None
    return grid
