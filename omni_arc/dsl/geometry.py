"""Geometry: rotations, flips, transposes and shifts of whole grids.

The eight symmetries of the square have one name each, the name of the call that does it:
:data:`TRANSFORMS` (``"rotate_90"`` is ``rotate(grid, 1)``, a quarter turn clockwise;
``"flip_left_right"`` is ``flip_left_right(grid)``). Symmetry kinds and augmentations use the same names.
"""
from __future__ import annotations

import numpy as np

from omni_arc.dsl.core import Grid, as_grid

# TRANSFORMS[i] names dihedral(grid, i): rotations clockwise, then the same after a left-right flip.
TRANSFORMS = (
    "identity", "rotate_90", "rotate_180", "rotate_270",
    "flip_left_right", "anti_transpose", "flip_top_bottom", "transpose",
)


def rotate(grid: Grid, times: int = 1) -> Grid:
    """Rotate 90 degrees clockwise ``times`` times (negative: counter-clockwise).

    >>> rotate([[1, 2], [3, 4]]).tolist()
    [[3, 1], [4, 2]]
    """
    return np.rot90(as_grid(grid), -times).copy()


def flip_left_right(grid: Grid) -> Grid:
    """Mirror left-right (each row reversed).

    >>> flip_left_right([[1, 2, 3]]).tolist()
    [[3, 2, 1]]
    """
    return as_grid(grid)[:, ::-1].copy()


def flip_top_bottom(grid: Grid) -> Grid:
    """Mirror top-bottom (row order reversed).

    >>> flip_top_bottom([[1], [2]]).tolist()
    [[2], [1]]
    """
    return as_grid(grid)[::-1, :].copy()


def transpose(grid: Grid) -> Grid:
    """Mirror along the main diagonal (rows become columns).

    >>> transpose([[1, 2], [3, 4]]).tolist()
    [[1, 3], [2, 4]]
    """
    return as_grid(grid).T.copy()


def anti_transpose(grid: Grid) -> Grid:
    """Mirror along the anti-diagonal (top-right to bottom-left).

    >>> anti_transpose([[1, 2], [3, 4]]).tolist()
    [[4, 2], [3, 1]]
    """
    return as_grid(grid)[::-1, ::-1].T.copy()


def shift(grid: Grid, rows: int, cols: int, background: int = 0) -> Grid:
    """Move content down by ``rows`` and right by ``cols`` (negative: up/left); cells that leave are lost, new cells get ``background``.

    >>> shift([[1, 2], [3, 4]], 0, 1).tolist()
    [[0, 1], [0, 3]]
    """
    g = as_grid(grid)
    h, w = g.shape
    out = np.full_like(g, background)
    if abs(rows) >= h or abs(cols) >= w:
        return out
    src = g[max(0, -rows):h - max(0, rows), max(0, -cols):w - max(0, cols)]
    out[max(0, rows):max(0, rows) + src.shape[0], max(0, cols):max(0, cols) + src.shape[1]] = src
    return out


def roll(grid: Grid, rows: int, cols: int) -> Grid:
    """Shift with wrap-around: cells leaving one edge re-enter at the opposite edge.

    >>> roll([[1, 2, 3]], 0, 1).tolist()
    [[3, 1, 2]]
    """
    return np.roll(as_grid(grid), (rows, cols), axis=(0, 1))


def dihedral(grid: Grid, index: int | str) -> Grid:
    """One of the 8 symmetries of the square, by index or by name (:data:`TRANSFORMS`): 0 identity, 1-3 rotations clockwise, 4-7 the same after a left-right flip.

    Raises ValueError for an index outside 0..7 or an unknown name.

    >>> dihedral([[1, 2]], 4).tolist(), dihedral([[1, 2]], "rotate_90").tolist()
    ([[2, 1]], [[1], [2]])
    """
    i = _transform_index(index)
    g = as_grid(grid)
    if i >= 4:
        g = g[:, ::-1]
    return np.rot90(g, -(i % 4)).copy()


def undo_dihedral(grid: Grid, index: int | str) -> Grid:
    """Undo :func:`dihedral`: ``undo_dihedral(dihedral(g, i), i)`` is ``g`` (to solve in a normal orientation and turn back).

    >>> undo_dihedral(dihedral([[1, 2], [3, 4]], 1), 1).tolist()
    [[1, 2], [3, 4]]
    """
    return dihedral(grid, (0, 3, 2, 1, 4, 5, 6, 7)[_transform_index(index)])


def _transform_index(index: int | str) -> int:
    """The position in :data:`TRANSFORMS` of a transform given by index or name (ValueError if there is none)."""
    if isinstance(index, str):
        if index not in TRANSFORMS:
            raise ValueError(f"unknown transform {index!r}; expected one of {', '.join(TRANSFORMS)}")
        return TRANSFORMS.index(index)
    if not 0 <= index < 8:
        raise ValueError(f"dihedral index must be 0..7, got {index}")
    return int(index)


def gravity(grid: Grid, direction: str = "down", background: int = 0) -> Grid:
    """Every non-background cell falls as far as it can toward ``direction`` ("down", "up", "left", "right"), keeping the order within its column/row.

    Raises ValueError for any other direction.

    >>> gravity([[1, 0], [0, 2], [0, 0]]).tolist()
    [[0, 0], [0, 0], [1, 2]]
    """
    turns = {"down": 0, "left": 3, "up": 2, "right": 1}
    if direction not in turns:
        raise ValueError(f"unknown direction {direction!r}; expected down, up, left or right")
    g = rotate(grid, turns[direction])  # make the fall direction "down"
    out = np.full_like(g, background)
    for c in range(g.shape[1]):
        cells = g[:, c][g[:, c] != background]
        if len(cells):
            out[-len(cells):, c] = cells
    return rotate(out, -turns[direction])
