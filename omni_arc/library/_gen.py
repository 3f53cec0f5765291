"""Helpers for the ``generate_input`` functions of library solutions (not part of any training completion).

Everything takes a ``numpy.random.Generator`` so that samples are reproducible from a seed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

COLORS = tuple(range(10))
TRIES = 1000  # attempts before a generator gives up (the old recursive retries hit Python's recursion limit there)


def retry(attempt: Callable[[np.random.Generator], np.ndarray | None], rng: np.random.Generator,
          tries: int = TRIES) -> np.ndarray:
    """Call ``attempt(rng)`` until it returns a grid instead of ``None``; RuntimeError after ``tries`` attempts.

    >>> retry(lambda rng: None if rng.random() < 0.5 else np.zeros((1, 1), int), np.random.default_rng(0)).shape
    (1, 1)
    >>> retry(lambda rng: None, np.random.default_rng(0), tries=3)
    Traceback (most recent call last):
    RuntimeError: no usable input in 3 attempts
    """
    for _ in range(tries):
        grid = attempt(rng)
        if grid is not None:
            return grid
    raise RuntimeError(f"no usable input in {tries} attempts")


def color(rng: np.random.Generator, exclude: Iterable[int] = (0,)) -> int:
    """One random colour not in ``exclude`` (default: any but black)."""
    return int(rng.choice([c for c in COLORS if c not in set(exclude)]))


def colors(rng: np.random.Generator, n: int, exclude: Iterable[int] = (0,)) -> list[int]:
    """``n`` distinct random colours not in ``exclude``."""
    return [int(c) for c in rng.choice([c for c in COLORS if c not in set(exclude)], size=n, replace=False)]


def shape(rng: np.random.Generator, height: int, width: int, fill: float = 0.6) -> np.ndarray:
    """A random 4-connected boolean shape that spans exactly ``height`` x ``width`` (grown from one cell)."""
    mask = np.zeros((height, width), dtype=bool)
    r, c = int(rng.integers(height)), int(rng.integers(width))
    mask[r, c] = True
    cells = [(r, c)]
    target = max(1, int(round(fill * height * width)))
    while mask.sum() < target or not (mask.any(axis=1).all() and mask.any(axis=0).all()):
        r, c = cells[int(rng.integers(len(cells)))]
        dr, dc = [(-1, 0), (1, 0), (0, -1), (0, 1)][int(rng.integers(4))]
        rr, cc = r + dr, c + dc
        if 0 <= rr < height and 0 <= cc < width and not mask[rr, cc]:
            mask[rr, cc] = True
            cells.append((rr, cc))
    return mask


def free_spot(rng: np.random.Generator, occupied: np.ndarray, height: int, width: int, margin: int = 1,
              tries: int = 200) -> tuple[int, int] | None:
    """A random top-left (row, col) where a ``height`` x ``width`` box plus ``margin`` touches no occupied cell."""
    H, W = occupied.shape
    if height > H or width > W:
        return None
    for _ in range(tries):
        r, c = int(rng.integers(0, H - height + 1)), int(rng.integers(0, W - width + 1))
        if not occupied[max(r - margin, 0):r + height + margin, max(c - margin, 0):c + width + margin].any():
            return r, c
    return None


def scatter(rng: np.random.Generator, height: int, width: int, palette: Iterable[int], density: float,
            background: int = 0) -> np.ndarray:
    """A grid where each cell is, with probability ``density``, a random colour of ``palette``."""
    pal = list(palette)
    grid = np.full((height, width), background, dtype=int)
    on = rng.random((height, width)) < density
    grid[on] = rng.choice(pal, size=int(on.sum()))
    return grid


def polyomino(rng: np.random.Generator, size: int, diagonal: bool = False) -> np.ndarray:
    """A random connected boolean shape of exactly ``size`` cells, cropped to its bounding box."""
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1)] + ([(-1, -1), (-1, 1), (1, -1), (1, 1)] if diagonal else [])
    cells = {(0, 0)}
    while len(cells) < size:
        r, c = sorted(cells)[int(rng.integers(len(cells)))]
        dr, dc = steps[int(rng.integers(len(steps)))]
        cells.add((r + dr, c + dc))
    rows, cols = np.array(sorted(cells)).T
    mask = np.zeros((rows.max() - rows.min() + 1, cols.max() - cols.min() + 1), dtype=bool)
    mask[rows - rows.min(), cols - cols.min()] = True
    return mask


def symmetric_pattern(rng: np.random.Generator, size: int, palette: Iterable[int]) -> np.ndarray:
    """A random ``size`` x ``size`` grid (``size`` even) of ``palette`` colours with all 8 symmetries of the square."""
    half = size // 2
    quarter = rng.choice(list(palette), size=(half, half))
    quarter = np.where(np.triu(np.ones((half, half), dtype=bool)), quarter, quarter.T)
    top = np.concatenate([quarter, quarter[:, ::-1]], axis=1)
    return np.concatenate([top, top[::-1]], axis=0)


def cover_rects(rng: np.random.Generator, grid: np.ndarray, count: int, heights: tuple[int, int] = (1, 6),
                widths: tuple[int, int] | None = None, color: int = 0) -> np.ndarray:
    """A copy of ``grid`` with ``count`` random rectangles painted ``color`` (sides drawn from [lo, hi))."""
    out = np.array(grid, copy=True)
    widths = widths or heights
    for _ in range(count):
        h, w = int(rng.integers(*heights)), int(rng.integers(*widths))
        r, c = int(rng.integers(0, out.shape[0] - h + 1)), int(rng.integers(0, out.shape[1] - w + 1))
        out[r:r + h, c:c + w] = color
    return out
