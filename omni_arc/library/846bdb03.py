"""Fit the two-coloured shape between the yellow-capped bars, mirrored if needed so each side matches its bar's colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 4)
    out = crop(grid, box)
    shape = crop_to_content(fill_rect(grid, box, 0))
    if most_common_color(shape[:, :1], exclude=0) != out[1, 0]:
        shape = flip_left_right(shape)
    return paste(out, shape, 1, 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    h, wl, wr = int(rng.integers(2, 6)), int(rng.integers(1, 4)), int(rng.integers(1, 4))
    left, right = _gen.colors(rng, 2, exclude=(0, 4))
    shape = np.zeros((h, wl + wr), dtype=int)
    while not (shape[0].any() and shape[-1].any() and shape[:, 0].any() and shape[:, -1].any()):
        shape[:, :wl] = (rng.random((h, wl)) < 0.6) * left
        shape[:, wl:] = (rng.random((h, wr)) < 0.6) * right
    frame = np.zeros((h + 2, wl + wr + 2), dtype=int)
    frame[[0, 0, -1, -1], [0, -1, 0, -1]] = 4
    frame[1:-1, 0], frame[1:-1, -1] = left, right
    grid = np.zeros((13, 13), dtype=int)
    taken = np.zeros((13, 13), dtype=bool)
    for part in (frame, flip_left_right(shape) if rng.random() < 0.5 else shape):
        spot = _gen.free_spot(rng, taken, *part.shape)
        if spot is None:
            return None
        grid = paste(grid, part, *spot)
        taken[spot[0]:spot[0] + part.shape[0], spot[1]:spot[1] + part.shape[1]] = True
    return grid
