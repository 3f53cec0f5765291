"""Continue each cut-off light-blue pattern in blue, the way the complete pattern at the top continues."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    filled = grid.any(axis=1)
    top = int(np.argmax(filled))
    h = int(np.argmin(filled[top:]))  # the complete pattern: the first block of non-empty rows
    template = grid[top:top + h] != 0
    out = grid.copy()
    r = top + h
    while r < len(grid):
        if not filled[r]:
            r += 1
            continue
        band = grid[r:r + h] != 0
        # slide the complete pattern sideways to where it best covers this one
        guides = [(shift(template, 0, s) == 1)[:len(band)] for s in range(grid.shape[1])]
        guide = max(guides, key=lambda g: (g & band).sum())
        for i, row in enumerate(band):
            start = np.flatnonzero(row)[-1] + 1 if row.any() else 0
            out[r + i, start:][guide[i, start:]] = 1
        r += h
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = 15, 10
    h = int(rng.integers(1, 4))
    template = np.zeros((h, W), dtype=bool)
    kind = int(rng.integers(3))
    if kind == 0:  # a staircase whose last step runs to the edge
        c = 0
        for i in range(h):
            length = int(rng.integers(1, 4)) if i < h - 1 else W
            template[i, c:c + length] = True
            c += length
    elif kind == 1:  # a checkerboard band
        template = (np.indices((h, W)).sum(axis=0) + int(rng.integers(2))) % 2 == 0
    else:  # full lines and short stubs
        for i in range(h):
            if i == 0 or rng.random() < 0.6:
                template[i, int(rng.integers(0, 3)):] = True
            else:
                template[i, :int(rng.integers(1, 3))] = True
    grid = np.zeros((H, W), dtype=int)
    top = int(rng.integers(0, 2))
    grid[top:top + h] = template * 8
    r = top + h + 1 + int(rng.integers(0, 3))
    while r + h <= H:
        band = (shift(template, 0, int(rng.integers(0, 3))) == 1)[:, :int(rng.integers(2, W - 3))]
        if band[0].any() and band.sum() >= 3:
            grid[r:r + h, :band.shape[1]] = band * 8
            r += h + 1 + int(rng.integers(0, 3))
        else:
            r += 1
    return grid
