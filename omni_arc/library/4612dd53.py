"""Complete the dashed blue lines of the frame (the mostly-blue rows and columns) with red."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = grid.copy()
    inner = out[bbox(grid).slices]
    blue = inner == 1
    lines = (blue.mean(axis=1) > 0.5)[:, None] | (blue.mean(axis=0) > 0.5)[None, :]
    inner[lines & ~blue] = 2
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(9, 14)), 13
    h, w = int(rng.integers(7, min(H, 11) - 1)), int(rng.integers(7, 11))
    lines = np.zeros((h, w), dtype=bool)
    lines[[0, -1], :] = lines[:, [0, -1]] = True
    middle = rng.random()
    if middle < 0.35:
        lines[int(rng.integers(2, h - 2)), :] = True
    elif middle < 0.7:
        lines[:, int(rng.integers(2, w - 2))] = True
    keep = lines & (rng.random((h, w)) < 0.75)
    keep[[0, 0, -1, -1], [0, -1, 0, -1]] = True
    for axis in (0, 1):  # every frame line stays mostly blue
        frame = lines.all(axis=1 - axis)
        for i in np.flatnonzero(frame):
            line = keep[i] if axis == 0 else keep[:, i]
            while 2 * line.sum() <= len(line):
                line[int(rng.integers(len(line)))] = True
    grid = np.zeros((H, W), dtype=int)
    r, c = int(rng.integers(1, H - h)), int(rng.integers(1, W - w))
    grid[r:r + h, c:c + w][keep] = 1
    return grid
