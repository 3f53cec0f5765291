"""Turn each small piece so its red part matches a hole in the big red shape, and set it in there."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, by_color=False)
    out = crop(grid, largest(objects).bbox)
    for piece in objects:
        if len(piece.colors) < 2:
            continue
        for d in range(8):
            turned = dihedral(piece.crop(), d)
            spots = find_pattern(out, np.where(turned == 2, 0, 2))
            if spots:
                out = paste(out, turned, *spots[0])
                break
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        h, w, k = int(rng.integers(8, 13)), int(rng.integers(8, 14)), int(rng.integers(1, 4))
        big = np.full((h, w), 2)
        taken = np.ones((h, w), dtype=bool)
        taken[1:-1, 1:-1] = False
        expected, pieces = big.copy(), []
        for color in _gen.colors(rng, k, exclude=(0, 2)):
            kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            key = np.zeros((3, 3), dtype=bool)
            r0, c0 = int(rng.integers(0, 4 - kh)), int(rng.integers(0, 4 - kw))
            key[r0:r0 + kh, c0:c0 + kw] = _gen.shape(rng, kh, kw, fill=0.7)
            spot = _gen.free_spot(rng, taken, 3, 3, margin=0)
            if spot is None:
                break
            window = (slice(spot[0], spot[0] + 3), slice(spot[1], spot[1] + 3))
            taken[window] = True
            big[window][key] = 0
            expected[window] = np.where(key, 2, color)
            pieces.append(dihedral(np.where(key, 2, color), int(rng.integers(8))))
        grid = np.zeros((h + 6, max(w + 2, 4 * len(pieces) + 1)), dtype=int)
        grid[1:h + 1, 1:w + 1] = big
        for i, piece in enumerate(pieces):
            grid[h + 2:h + 5, 1 + 4 * i:4 + 4 * i] = piece
        if pieces and np.array_equal(task(grid), expected):
            return grid
