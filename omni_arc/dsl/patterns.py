"""Repeating patterns: periods of rows/columns and filling holes in periodic (tiled) grids."""
from __future__ import annotations

import numpy as np

from omni_arc.dsl.core import Grid, as_grid


def _consistent(g: np.ndarray, known: np.ndarray, pr: int, pc: int) -> bool:
    """Do known cells agree with each other under translation by (pr, 0) and (0, pc)?"""
    h, w = g.shape
    if pr < h:
        both = known[:-pr] & known[pr:]
        if (g[:-pr][both] != g[pr:][both]).any():
            return False
    if pc < w:
        both = known[:, :-pc] & known[:, pc:]
        if (g[:, :-pc][both] != g[:, pc:][both]).any():
            return False
    return True


def period(grid: Grid, axis: int = 0, unknown: int | None = None) -> int:
    """The smallest p such that rows (``axis=0``) or columns (``axis=1``) repeat every p; ``unknown`` cells match anything.

    Returns the full length when nothing repeats.

    >>> period([[1], [2], [1], [2], [1]])
    2
    """
    g = as_grid(grid)
    if axis == 1:
        g = g.T
    known = np.ones_like(g, dtype=bool) if unknown is None else g != unknown
    for p in range(1, g.shape[0]):
        if _consistent(g, known, p, g.shape[1]):
            return p
    return g.shape[0]


def complete_pattern(grid: Grid, unknown: int = 0) -> Grid:
    """A copy where ``unknown`` cells are filled from the smallest 2-D tiling (row and column periods) consistent with the other cells.

    >>> complete_pattern([[1, 2, 1, 2], [3, 4, 0, 4], [1, 2, 1, 0]]).tolist()
    [[1, 2, 1, 2], [3, 4, 3, 4], [1, 2, 1, 2]]
    """
    g = as_grid(grid)
    h, w = g.shape
    known = g != unknown
    candidates = sorted(((pr, pc) for pr in range(1, h + 1) for pc in range(1, w + 1)),
                        key=lambda p: (p[0] * p[1], p))
    for pr, pc in candidates:
        if not _consistent(g, known, pr, pc):
            continue
        out = g.copy()
        for r0 in range(pr):
            for c0 in range(pc):
                block = g[r0::pr, c0::pc]
                vals = block[block != unknown]
                if len(vals):
                    out[r0::pr, c0::pc] = np.where(block == unknown, vals[0], block)
        return out
    return g


def find_pattern(grid: Grid, pattern: Grid, transparent: int | None = None) -> list[tuple[int, int]]:
    """Top-left corners (row, col), in reading order, where ``pattern`` fits in ``grid`` and matches it (its ``transparent`` cells match anything).

    >>> find_pattern([[1, 2, 1], [0, 1, 2]], [[1, 2]])
    [(0, 0), (1, 1)]
    """
    g, p = as_grid(grid), as_grid(pattern)
    if p.shape[0] > g.shape[0] or p.shape[1] > g.shape[1]:
        return []
    windows = np.lib.stride_tricks.sliding_window_view(g, p.shape)
    care = np.ones(p.shape, dtype=bool) if transparent is None else p != transparent
    hits = ((windows == p) | ~care).all(axis=(2, 3))
    return [(int(r), int(c)) for r, c in zip(*np.nonzero(hits))]
