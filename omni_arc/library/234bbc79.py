"""Chain the pieces left to right: each piece moves up or down so its grey joint on the left meets the previous piece's grey joint on the right; joints take their piece's colour."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    cols = np.nonzero(grid.any(axis=0))[0]
    row, out = None, []
    for piece in np.split(grid[:, cols], np.nonzero(np.diff(cols) > 1)[0] + 1, axis=1):
        if row is not None:
            piece = shift(piece, row - np.argmax(piece[:, 0] == 5), 0)
        row = np.argmax(piece[:, -1] == 5)
        out.append(replace_color(piece, 5, most_common_color(piece, exclude=(0, 5))))
    return concat_horizontal(*out)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    k = int(rng.integers(3, 5))
    for _ in range(100):
        pieces, outs, row = [], [], int(rng.integers(3))
        for i in range(k):
            w, end = int(rng.integers(2, 5)), int(rng.integers(3))
            bend = int(rng.integers(w))
            color = int(rng.choice([1, 2, 3, 4, 6, 7, 8, 9]))
            p = np.zeros((3, w), dtype=int)
            p[row, :bend + 1] = color  # a path from the left joint's row to the right joint's row
            p[min(row, end):max(row, end) + 1, bend] = color
            p[end, bend:] = color
            outs.append(p.copy())
            if i > 0:
                p[row, 0] = 5
            if i < k - 1:
                p[end, -1] = 5
            rows = np.nonzero(p.any(axis=1))[0]
            pieces.append(np.roll(p, int(rng.integers(-rows[0], 3 - rows[-1])) if i else 0, axis=0))
            row = end
        grid = np.concatenate([np.pad(p, ((0, 0), (0, 1))) for p in pieces], axis=1)[:, :-1]
        if all(((p != 0) & (p != 5)).any() for p in pieces) and np.array_equal(task(grid), np.hstack(outs)):
            return grid
    raise RuntimeError("no valid input found")
