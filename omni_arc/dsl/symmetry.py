"""Symmetry: detecting mirror/rotation symmetries, completing partly hidden symmetric patterns, mirroring."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from omni_arc.dsl.core import Box, Grid, as_grid

# A kind of symmetry is named after the transform (see TRANSFORMS) that maps the grid onto itself.
SYMMETRIES = ("flip_left_right", "flip_top_bottom", "transpose", "anti_transpose", "rotate_180", "rotate_90")


def _image(g: np.ndarray, kind: str) -> np.ndarray | None:
    """``g`` transformed by symmetry ``kind``; ``None`` when the kind needs a square grid and ``g`` is not (ValueError for an unknown kind)."""
    if kind == "flip_left_right":
        return g[:, ::-1]
    if kind == "flip_top_bottom":
        return g[::-1, :]
    if kind == "rotate_180":
        return g[::-1, ::-1]
    if kind not in SYMMETRIES:
        raise ValueError(f"unknown symmetry {kind!r}; expected one of {', '.join(SYMMETRIES)}")
    if g.shape[0] != g.shape[1]:
        return None
    if kind == "transpose":
        return g.T
    if kind == "anti_transpose":
        return g[::-1, ::-1].T
    return np.rot90(g, -1)


def is_symmetric(grid: Grid, kind: str = "flip_left_right") -> bool:
    """True when ``grid`` equals its image under ``kind`` (one of :data:`SYMMETRIES`).

    Raises ValueError for an unknown kind.

    >>> is_symmetric([[1, 2, 1]]), is_symmetric([[1, 2, 1]], "flip_top_bottom"), is_symmetric([[1, 2]])
    (True, True, False)
    """
    g = as_grid(grid)
    img = _image(g, kind)
    return img is not None and bool((img == g).all())


def symmetries(grid: Grid) -> list[str]:
    """The kinds of symmetry that ``grid`` has, in the order of :data:`SYMMETRIES`.

    >>> symmetries([[1, 1], [2, 2]])
    ['flip_left_right']
    """
    return [k for k in SYMMETRIES if is_symmetric(grid, k)]


def _mirror_index(shape: tuple[int, int], kind: str, center: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For symmetry ``kind`` about ``center`` = (row, col): the image row and column of every cell and which images fall inside."""
    if kind not in SYMMETRIES:
        raise ValueError(f"unknown symmetry {kind!r}; expected one of {', '.join(SYMMETRIES)}")
    cr, cc = center
    r, c = np.indices(shape)
    dr, dc = r - cr, c - cc
    rr, cc2 = {
        "flip_left_right": (dr, -dc), "flip_top_bottom": (-dr, dc), "rotate_180": (-dr, -dc),
        "transpose": (dc, dr), "anti_transpose": (-dc, -dr), "rotate_90": (dc, -dr),
    }[kind]
    rows, cols = np.rint(rr + cr).astype(int), np.rint(cc2 + cc).astype(int)
    inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    return np.clip(rows, 0, shape[0] - 1), np.clip(cols, 0, shape[1] - 1), inside


def complete_symmetry(grid: Grid, unknown: int = 0, kinds: Iterable[str] | None = None,
                      center: tuple[float, float] | None = None) -> Grid:
    """A copy where ``unknown`` cells take the colour of their mirror images under ``kinds`` (see :data:`SYMMETRIES`).

    The symmetry is about ``center`` = (row, col), which may be a half cell (default: the grid's
    centre). ``kinds`` defaults to every symmetry on which the known cells agree. Cells whose images
    are all unknown or outside the grid stay unknown. Raises ValueError for an unknown kind.

    >>> complete_symmetry([[1, 2, 0], [3, 4, 3]], kinds=["flip_left_right"]).tolist()
    [[1, 2, 1], [3, 4, 3]]
    """
    g = as_grid(grid)
    h, w = g.shape
    if center is None:
        center = ((h - 1) / 2, (w - 1) / 2)
    known = g != unknown
    maps = {k: _mirror_index(g.shape, k, center) for k in (SYMMETRIES if kinds is None else kinds)}
    if kinds is None:  # keep the symmetries that the known cells agree with
        agree = {}
        for k, (rows, cols, inside) in maps.items():
            both = known & inside & known[rows, cols]
            if both.any() and (g[both] == g[rows, cols][both]).all():
                agree[k] = maps[k]
        maps = agree
    changed = True
    while changed:
        changed = False
        for rows, cols, inside in maps.values():
            image = g[rows, cols]
            take = (g == unknown) & inside & (image != unknown)
            if take.any():
                g = np.where(take, image, g)
                changed = True
    return g


def mirror_extend(grid: Grid, side: str = "right") -> Grid:
    """``grid`` joined with its mirror image on ``side`` ("right", "left", "down" or "up"; ValueError for any other).

    >>> mirror_extend([[1, 2]]).tolist()
    [[1, 2, 2, 1]]
    """
    g = as_grid(grid)
    if side == "right":
        return np.concatenate([g, g[:, ::-1]], axis=1)
    if side == "left":
        return np.concatenate([g[:, ::-1], g], axis=1)
    if side == "down":
        return np.concatenate([g, g[::-1]], axis=0)
    if side == "up":
        return np.concatenate([g[::-1], g], axis=0)
    raise ValueError(f"unknown side {side!r}; expected right, left, down or up")


def mirror_around(grid: Grid, box: Box | Sequence[int], background: int = 0) -> Grid:
    """A copy where the content is mirrored left-right and top-bottom about the centre of ``box`` (images only fill ``background`` cells).

    >>> mirror_around([[1, 0, 0], [0, 5, 0], [0, 0, 0]], (1, 1, 2, 2)).tolist()
    [[1, 0, 1], [0, 5, 0], [1, 0, 1]]
    """
    g = as_grid(grid)
    out = g.copy()
    top, left, bottom, right = box
    rows, cols = np.nonzero(g != background)
    for r, c in ((top + bottom - 1 - rows, cols), (rows, left + right - 1 - cols),
                 (top + bottom - 1 - rows, left + right - 1 - cols)):
        inside = (r >= 0) & (r < g.shape[0]) & (c >= 0) & (c < g.shape[1])
        r, c, src = r[inside], c[inside], g[rows[inside], cols[inside]]
        free = out[r, c] == background
        out[r[free], c[free]] = src[free]
    return out
