"""Whole grids: creating, cropping, splitting, tiling, scaling, concatenating and overlaying."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from omni_arc.dsl.core import Box, Grid, Mask, as_grid


def new_grid(height: int, width: int, color: int = 0) -> Grid:
    """A ``height`` x ``width`` grid filled with ``color``.

    >>> new_grid(2, 3, 5).tolist()
    [[5, 5, 5], [5, 5, 5]]
    """
    return np.full((height, width), color, dtype=int)


def bbox(grid: Grid, background: int = 0) -> Box | None:
    """The bounding box of the cells that are not ``background`` (of the true cells of a boolean mask); ``None`` if there are none.

    >>> bbox([[0, 0, 0], [0, 3, 4], [0, 0, 0]])
    Box(top=1, left=1, bottom=2, right=3)
    """
    arr = np.asarray(grid)
    mask = arr if arr.dtype == bool else arr != background
    rows, cols = np.nonzero(mask)
    if len(rows) == 0:
        return None
    return Box(int(rows.min()), int(cols.min()), int(rows.max()) + 1, int(cols.max()) + 1)


def crop(grid: Grid, box: Box | Sequence[int]) -> Grid:
    """The part of ``grid`` inside ``box`` = (top, left, bottom, right), bottom/right excluded, clipped to the grid.

    >>> crop([[1, 2, 3], [4, 5, 6]], (0, 1, 2, 3)).tolist()
    [[2, 3], [5, 6]]
    """
    top, left, bottom, right = (int(v) for v in box)
    return as_grid(grid)[max(top, 0):max(bottom, 0), max(left, 0):max(right, 0)].copy()


def crop_to_content(grid: Grid, background: int = 0) -> Grid:
    """The smallest sub-grid holding every non-``background`` cell (a 0x0 array when there is none).

    >>> crop_to_content([[0, 0, 0], [0, 7, 0], [0, 0, 8]]).tolist()
    [[7, 0], [0, 8]]
    """
    g = as_grid(grid)
    box = bbox(g, background)
    return np.zeros((0, 0), dtype=g.dtype) if box is None else crop(g, box)


def _line_indices(g: np.ndarray, color: int) -> tuple[list[int], list[int]]:
    # a line must be at least 2 cells long: in a 1-row grid, single cells are no separators
    rows = [i for i in range(g.shape[0]) if (g[i] == color).all()] if g.shape[1] > 1 else []
    cols = [j for j in range(g.shape[1]) if (g[:, j] == color).all()] if g.shape[0] > 1 else []
    return rows, cols


def _spans(n: int, lines: list[int]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i in lines + [n]:
        if i > start:
            spans.append((start, i))
        start = i + 1
    return spans


def separator_color(grid: Grid) -> int | None:
    """The colour of the full-length separator lines of ``grid`` (rows or columns of one colour), or ``None``.

    Prefers a colour forming lines in both directions, then the one with most lines.

    >>> separator_color([[1, 5, 2], [5, 5, 5], [3, 5, 4]])
    5
    """
    g = as_grid(grid)
    best, best_key = None, None
    for color in np.unique(g):
        rows, cols = _line_indices(g, int(color))
        if len(rows) == g.shape[0] or len(cols) == g.shape[1] or not (rows or cols):
            continue  # the whole grid, or no line at all
        key = (bool(rows) and bool(cols), len(rows) + len(cols), -int(color))
        if best_key is None or key > best_key:
            best, best_key = int(color), key
    return best


def split_by_lines(grid: Grid, color: int | None = None, flat: bool = True) -> list:
    """The cells between full separator lines of ``color`` (default: :func:`separator_color`), in reading order.

    ``flat=False`` returns a list of rows of cells. Without separators the result is ``[grid]``.

    >>> [c.tolist() for c in split_by_lines([[1, 5, 2], [5, 5, 5], [3, 5, 4]])]
    [[[1]], [[2]], [[3]], [[4]]]
    """
    g = as_grid(grid)
    if color is None:
        color = separator_color(g)
    rows, cols = _line_indices(g, color) if color is not None else ([], [])
    if len(rows) == g.shape[0] or len(cols) == g.shape[1]:
        rows, cols = [], []
    cells = [[g[r0:r1, c0:c1].copy() for c0, c1 in _spans(g.shape[1], cols)]
             for r0, r1 in _spans(g.shape[0], rows)]
    return [c for row in cells for c in row] if flat else cells


def join_by_lines(cells: list[list[Grid]], color: int, width: int = 1) -> Grid:
    """Assemble rows of equal-height cells into one grid with separator lines of ``color`` between them (inverse of ``split_by_lines(..., flat=False)``).

    >>> join_by_lines([[[[1]], [[2]]]], 5).tolist()
    [[1, 5, 2]]
    """
    rows = []
    for row in cells:
        parts = []
        for j, cell in enumerate(row):
            c = as_grid(cell)
            if j:
                parts.append(np.full((c.shape[0], width), color, dtype=c.dtype))
            parts.append(c)
        rows.append(np.concatenate(parts, axis=1))
    out = []
    for i, r in enumerate(rows):
        if i:
            out.append(np.full((width, r.shape[1]), color, dtype=r.dtype))
        out.append(r)
    return np.concatenate(out, axis=0)


def split_into(grid: Grid, rows: int, cols: int) -> list[Grid]:
    """Cut ``grid`` into ``rows`` x ``cols`` equal blocks, in reading order (ValueError if the sizes do not divide).

    >>> [b.tolist() for b in split_into([[1, 2, 3, 4]], 1, 2)]
    [[[1, 2]], [[3, 4]]]
    """
    g = as_grid(grid)
    h, w = g.shape
    if rows <= 0 or cols <= 0 or h % rows or w % cols:
        raise ValueError(f"cannot split a {h}x{w} grid into {rows}x{cols} equal blocks")
    bh, bw = h // rows, w // cols
    return [g[i * bh:(i + 1) * bh, j * bw:(j + 1) * bw].copy() for i in range(rows) for j in range(cols)]


def tile(grid: Grid, rows: int, cols: int) -> Grid:
    """Repeat ``grid`` ``rows`` times downwards and ``cols`` times rightwards.

    >>> tile([[1, 2]], 2, 2).tolist()
    [[1, 2, 1, 2], [1, 2, 1, 2]]
    """
    return np.tile(as_grid(grid), (rows, cols))


def scale_up(grid: Grid, factor: int, factor_cols: int | None = None) -> Grid:
    """Blow each cell up to a ``factor`` x ``factor`` block (``factor_cols`` for a different width).

    >>> scale_up([[1, 2]], 2).tolist()
    [[1, 1, 2, 2], [1, 1, 2, 2]]
    """
    fc = factor if factor_cols is None else factor_cols
    return np.repeat(np.repeat(as_grid(grid), factor, axis=0), fc, axis=1)


def scale_down(grid: Grid, factor: int, factor_cols: int | None = None) -> Grid:
    """Shrink each ``factor`` x ``factor`` block to one cell of its most common colour (ValueError if sizes do not divide).

    >>> scale_down([[1, 1, 2, 2], [1, 1, 2, 2]], 2).tolist()
    [[1, 2]]
    """
    g = as_grid(grid)
    fc = factor if factor_cols is None else factor_cols
    h, w = g.shape
    if factor <= 0 or fc <= 0 or h % factor or w % fc:
        raise ValueError(f"cannot scale a {h}x{w} grid down by {factor}x{fc}")
    out = np.zeros((h // factor, w // fc), dtype=g.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            vals, counts = np.unique(g[i * factor:(i + 1) * factor, j * fc:(j + 1) * fc], return_counts=True)
            out[i, j] = vals[np.argmax(counts)]
    return out


def concat_horizontal(*grids: Grid) -> Grid:
    """Grids side by side, left to right (ValueError unless they have the same height).

    >>> concat_horizontal([[1]], [[2, 3]]).tolist()
    [[1, 2, 3]]
    """
    return np.concatenate([as_grid(g) for g in grids], axis=1)


def concat_vertical(*grids: Grid) -> Grid:
    """Grids stacked top to bottom (ValueError unless they have the same width).

    >>> concat_vertical([[1, 2]], [[3, 4]]).tolist()
    [[1, 2], [3, 4]]
    """
    return np.concatenate([as_grid(g) for g in grids], axis=0)


def pad(grid: Grid, width: int = 1, color: int = 0) -> Grid:
    """A border of ``width`` cells of ``color`` around ``grid``.

    >>> pad([[5]], 1, 0).tolist()
    [[0, 0, 0], [0, 5, 0], [0, 0, 0]]
    """
    return np.pad(as_grid(grid), width, constant_values=color)


def overlay(base: Grid, top: Grid, transparent: int = 0) -> Grid:
    """``top`` laid over ``base`` (same shape, else ValueError): cells of ``top`` equal to ``transparent`` let ``base`` show.

    >>> overlay([[1, 1, 1]], [[0, 2, 0]]).tolist()
    [[1, 2, 1]]
    """
    b, t = as_grid(base), as_grid(top)
    if b.shape != t.shape:
        raise ValueError(f"overlay needs equal shapes, got {b.shape} and {t.shape}")
    return np.where(t != transparent, t, b)


def compress(grid: Grid) -> Grid:
    """Collapse runs of identical adjacent rows, then of identical adjacent columns, into one.

    >>> compress([[1, 1, 2], [1, 1, 2], [3, 3, 3]]).tolist()
    [[1, 2], [3, 3]]
    """
    g = as_grid(grid)
    keep_r = [0] + [i for i in range(1, g.shape[0]) if not (g[i] == g[i - 1]).all()]
    g = g[keep_r]
    keep_c = [0] + [j for j in range(1, g.shape[1]) if not (g[:, j] == g[:, j - 1]).all()]
    return g[:, keep_c].copy()


def remove_lines(grid: Grid, color: int) -> Grid:
    """Delete every row and every column made only of ``color``.

    >>> remove_lines([[1, 0, 2], [0, 0, 0]], 0).tolist()
    [[1, 2]]
    """
    g = as_grid(grid)
    g = g[~(g == color).all(axis=1)]
    return g[:, ~(g == color).all(axis=0)].copy() if g.size else np.zeros((0, 0), dtype=g.dtype)


def full_lines(grid: Grid, axis: int = 0, background: int = 0) -> list[int]:
    """Indices of the rows (``axis=0``) or columns (``axis=1``) that have no ``background`` cell.

    >>> full_lines([[1, 2, 3], [0, 4, 0], [5, 6, 7]]), full_lines([[1, 2, 3], [0, 4, 0], [5, 6, 7]], axis=1)
    ([0, 2], [1])
    """
    g = as_grid(grid)
    return [int(i) for i in np.flatnonzero((g != background).all(axis=1 - axis))]


def cells_of(grid: Grid | Mask, color: int | None = None) -> list[tuple[int, int]]:
    """Coordinates ``(row, col)`` of the cells of ``color`` (of the true cells of a mask when ``color`` is omitted), in reading order.

    >>> cells_of([[0, 4], [4, 0]], 4)
    [(0, 1), (1, 0)]
    """
    arr = np.asarray(grid)
    mask = arr.astype(bool) if color is None else arr == color
    return [(int(r), int(c)) for r, c in zip(*np.nonzero(mask))]


def in_grid(grid: Grid, row: int, col: int) -> bool:
    """True when (``row``, ``col``) is a cell of ``grid``, False when it lies outside.

    >>> in_grid([[1, 2]], 0, 1), in_grid([[1, 2]], 1, 0), in_grid([[1, 2]], 0, -1)
    (True, False, False)
    """
    height, width = np.shape(grid)[:2]
    return 0 <= row < height and 0 <= col < width
