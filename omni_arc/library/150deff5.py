"""Cut the grey shape into light-blue 2x2 squares and red bars of three."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    def cover(out):
        cells = cells_of(out, 5)
        if not cells:
            return out
        r, c = cells[0]
        for h, w, color in ((2, 2, 8), (1, 3, 2), (3, 1, 2)):
            if (out[r:r + h, c:c + w] == 5).sum() == h * w:
                done = cover(fill_rect(out, (r, c, r + h, c + w), color))
                if done is not None:
                    return done
        return None
    return cover(grid)


PIECES = [(2, 2), (1, 3), (3, 1)]


def _count_covers(mask: np.ndarray) -> int:
    """How many ways the true cells of ``mask`` split into the pieces (counting stops at 2)."""
    if not mask.any():
        return 1
    r, c = np.argwhere(mask)[0]
    total = 0
    for h, w in PIECES:
        if mask[r:r + h, c:c + w].sum() == h * w:
            rest = mask.copy()
            rest[r:r + h, c:c + w] = False
            total += _count_covers(rest)
            if total > 1:
                break
    return total


def generate_input(rng: np.random.Generator) -> np.ndarray:
    for _ in range(200):
        h, w = int(rng.integers(8, 13)), int(rng.integers(9, 14))
        mask = np.zeros((h, w), dtype=bool)
        for _ in range(int(rng.integers(3, 8))):
            for _ in range(50):
                ph, pw = PIECES[int(rng.integers(3))]
                r, c = int(rng.integers(1, h - ph)), int(rng.integers(1, w - pw))
                piece = np.zeros_like(mask)
                piece[r:r + ph, c:c + pw] = True
                if not (piece & mask).any() and (not mask.any() or (dilate(mask) & piece).any()):
                    mask |= piece
                    break
        if mask.sum() >= 10 and _count_covers(mask) == 1:
            return np.where(mask, 5, 0)
    raise RuntimeError("no grey shape had a single cut")
