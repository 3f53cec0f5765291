"""Overlay the four-point figures of each colour, centred, in a square as large as the biggest figure."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    figures = [crop_to_content(keep_colors(grid, c, bg), bg) for c in unique_colors(grid, exclude=bg)]
    size = max(max(f.shape) for f in figures)
    out = new_grid(size, size, bg)
    for f in figures:
        out = paste(out, f, (size - f.shape[0]) // 2, (size - f.shape[1]) // 2, transparent=bg)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    half = int(rng.integers(1, 4))
    size = 2 * half + 1
    kinds = ["square", "diamond", "wide", "tall"][:int(rng.integers(2, 5))]
    bg, *palette = _gen.colors(rng, len(kinds) + 1)
    height, width = int(rng.integers(size + 4, 19)), int(rng.integers(size + 4, 20))
    grid = np.full((height, width), bg)
    occupied = np.zeros_like(grid, dtype=bool)
    for kind, color in zip(rng.permutation(kinds), palette):
        short = int(rng.integers(0, half))
        h, w = {"square": (size, size), "diamond": (size, size), "wide": (2 * short + 1, size),
                "tall": (size, 2 * short + 1)}[kind]
        spot = _gen.free_spot(rng, occupied, h, w)
        if spot is None:
            continue
        r, c = spot
        occupied[r:r + h, c:c + w] = True
        if kind == "diamond":
            points = [(r, c + half), (r + half, c), (r + half, c + 2 * half), (r + 2 * half, c + half)]
        else:
            points = [(r, c), (r, c + w - 1), (r + h - 1, c), (r + h - 1, c + w - 1)]
        for p in points:
            grid[p] = color
    return grid
