"""Loose dots move to touch the full line of their own colour; dots with no line of their colour vanish."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    h, w = grid.shape
    objects = find_objects(grid)
    lines = [o for o in objects if o.height == h or o.width == w]
    dots = [o for o in objects if o not in lines]
    out = grid.copy()
    for dot in dots:
        out = erase(out, dot)
    for dot in dots:
        line = next((l for l in lines if l.color == dot.color), None)
        if line is not None:
            out = move_next_to(draw_object(out, dot), dot, line)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    h, w = int(rng.integers(12, 22)), int(rng.integers(12, 22))
    grid = np.zeros((h, w), dtype=int)
    colors = [int(c) for c in rng.choice(np.arange(1, 10), size=int(rng.integers(1, 4)), replace=False)]
    cols = sorted(rng.choice(np.arange(1, w - 1, 3), size=len(colors), replace=False))
    for col, color in zip(cols, colors):
        grid[:, col] = color
    free_cols = [c for c in range(w) if all(abs(c - k) > 1 for k in cols)]
    for r in rng.choice(h, size=int(rng.integers(2, 6)), replace=False):  # at most one dot per row
        pal = colors + [int(rng.integers(1, 10))]
        grid[r, int(rng.choice(free_cols))] = int(rng.choice(pal))
    return rotate(grid) if rng.random() < 0.5 else grid
