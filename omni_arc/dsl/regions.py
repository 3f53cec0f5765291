"""Regions: enclosed areas and holes, connected components of masks, growing and shrinking masks."""
from __future__ import annotations

import numpy as np

from omni_arc.dsl.core import Box, Diagonal, Grid, Mask, as_grid, as_mask, neighbour_steps
from omni_arc.dsl.objects import Object, _components


def _outside(free: np.ndarray, diagonal: Diagonal) -> np.ndarray:
    """Cells of ``free`` connected (through ``free`` cells) to the border of the array."""
    h, w = free.shape
    reach = np.zeros_like(free, dtype=bool)
    for comp in _components(free, diagonal, None):
        if any(r in (0, h - 1) or c in (0, w - 1) for r, c in comp):
            for r, c in comp:
                reach[r, c] = True
    return reach


def enclosed_mask(grid: Grid, background: int = 0, diagonal: Diagonal = False) -> Mask:
    """Mask of the ``background`` cells that cannot reach the grid's edge through background cells.

    ``diagonal=True`` lets background leak through corners (fewer cells count as enclosed).

    >>> enclosed_mask([[1, 1, 1], [1, 0, 1], [1, 1, 1]]).astype(int).tolist()
    [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    """
    g = as_grid(grid)
    free = g == background
    return free & ~_outside(free, diagonal)


def fill_enclosed(grid: Grid, color: int, background: int = 0, diagonal: Diagonal = False) -> Grid:
    """A copy where the enclosed background cells (see :func:`enclosed_mask`) get ``color``.

    >>> fill_enclosed([[2, 2, 2, 0], [2, 0, 2, 0], [2, 2, 2, 0]], 4).tolist()
    [[2, 2, 2, 0], [2, 4, 2, 0], [2, 2, 2, 0]]
    """
    g = as_grid(grid)
    g[enclosed_mask(g, background, diagonal)] = color
    return g


def holes(obj: Object) -> list[Object]:
    """The holes of ``obj`` (groups of cells it completely surrounds) as objects in grid coordinates, in reading order.

    >>> [h.cells for h in holes(find_objects([[1, 1, 1], [1, 0, 1], [1, 1, 1]])[0])]
    [[(1, 1)]]
    """
    free = ~obj.mask
    inside = free & ~_outside(free, False)
    out = []
    for comp in _components(inside, False, None):
        rows, cols = [r for r, _ in comp], [c for _, c in comp]
        top, left = min(rows), min(cols)
        mask = np.zeros((max(rows) - top + 1, max(cols) - left + 1), dtype=bool)
        for r, c in comp:
            mask[r - top, c - left] = True
        patch = np.where(mask, obj.patch[top:top + mask.shape[0], left:left + mask.shape[1]], obj.background)
        out.append(Object(obj.top + top, obj.left + left, patch, mask, obj.background))
    return out


def count_holes(obj: Object) -> int:
    """How many separate holes ``obj`` has.

    >>> count_holes(find_objects([[1, 1, 1, 1, 1], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]])[0])
    2
    """
    return len(holes(obj))


def components(mask: Mask, diagonal: Diagonal = False) -> list[Mask]:
    """The connected parts of a boolean mask, each as a full-size mask, in reading order.

    >>> len(components([[True, False, True]]))
    2
    """
    m = as_mask(mask)
    out = []
    for comp in _components(m, diagonal, None):
        part = np.zeros_like(m)
        for r, c in comp:
            part[r, c] = True
        out.append(part)
    return out


def clusters(mask: Mask, gap: int = 1) -> list[Mask]:
    """The groups of true cells that are at most ``gap`` cells apart (in any of the 8 directions), each as a full-size mask, in reading order.

    >>> len(clusters([[True, False, True, False, False, True]]))
    2
    """
    m = as_mask(mask)
    h, w = m.shape
    reach = gap + 1
    group = -np.ones(m.shape, dtype=int)
    out = []
    for r0, c0 in zip(*np.nonzero(m)):
        if group[r0, c0] >= 0:
            continue
        group[r0, c0] = len(out)
        stack, part = [(r0, c0)], np.zeros_like(m)
        while stack:
            r, c = stack.pop()
            part[r, c] = True
            rs, cs = slice(max(r - reach, 0), r + reach + 1), slice(max(c - reach, 0), c + reach + 1)
            for rr, cc in zip(*np.nonzero(m[rs, cs] & (group[rs, cs] < 0))):
                group[rs.start + rr, cs.start + cc] = len(out)
                stack.append((rs.start + rr, cs.start + cc))
        out.append(part)
    return out


def _neighbourhood(m: np.ndarray, diagonal: Diagonal) -> list[np.ndarray]:
    """For each neighbour step, the array of what every cell sees there (outside the grid: zero/False)."""
    p = np.pad(m, 1)
    h, w = m.shape
    return [p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w] for dr, dc in neighbour_steps(diagonal)]


def neighbor_count(mask: Mask, diagonal: Diagonal = False) -> np.ndarray:
    """For every cell, how many of its neighbours (4 on its sides; with ``diagonal=True`` all 8; ``"only"`` the 4 corners) are true in ``mask``.

    >>> neighbor_count([[True, True, False]]).tolist()
    [[1, 1, 1]]
    """
    m = as_mask(mask).astype(int)
    return sum(_neighbourhood(m, diagonal))


def neighbors(mask: Mask, diagonal: Diagonal = False) -> Mask:
    """Mask of the cells that have a true cell of ``mask`` next to them: on a side, at a side or corner (``diagonal=True``) or at a corner (``"only"``).

    >>> neighbors([[False, False, False], [False, True, False], [False, False, False]], diagonal="only").astype(int).tolist()
    [[1, 0, 1], [0, 0, 0], [1, 0, 1]]
    """
    m = as_mask(mask)
    out = np.zeros_like(m)
    for part in _neighbourhood(m, diagonal):
        out |= part
    return out


def dilate(mask: Mask, diagonal: Diagonal = False) -> Mask:
    """The mask grown by one cell (4 directions, or 8 with ``diagonal``).

    >>> dilate([[False, True, False, False]]).tolist()
    [[True, True, True, False]]
    """
    m = as_mask(mask)
    return m | (neighbor_count(m, diagonal) > 0)


def erode(mask: Mask, diagonal: Diagonal = False) -> Mask:
    """The mask shrunk by one cell: keeps cells whose neighbours (4, or 8 with ``diagonal``) are all inside it (outside the grid counts as outside).

    >>> erode([[True, True, True]] * 3).astype(int).tolist()
    [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    """
    m = as_mask(mask)
    return m & (neighbor_count(m, diagonal) == len(neighbour_steps(diagonal)))


def outline(mask: Mask, diagonal: Diagonal = False) -> Mask:
    """The ring of cells just outside the mask (touching it on a side; with ``diagonal=True`` at a corner too).

    >>> outline([[False, False, False], [False, True, False], [False, False, False]], diagonal=True).astype(int).tolist()
    [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    """
    m = as_mask(mask)
    return dilate(m, diagonal) & ~m


def boundary(mask: Mask, diagonal: Diagonal = False) -> Mask:
    """The cells of the mask that touch a cell outside it (or the grid's edge).

    >>> boundary([[True, True, True]] * 3).astype(int).tolist()
    [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    """
    m = as_mask(mask)
    return m & ~erode(m, diagonal)


def largest_rectangle(mask: Mask, min_height: int = 1, min_width: int = 1) -> Box | None:
    """The box of the largest-area rectangle of true cells at least ``min_height`` x ``min_width`` (first in reading order on ties); ``None`` if there is none.

    >>> largest_rectangle([[True, True, False], [True, True, True]])
    Box(top=0, left=0, bottom=2, right=2)
    """
    m = as_mask(mask)
    h, w = m.shape
    best, best_area = None, 0
    for top in range(h):
        cols = np.ones(w, dtype=bool)
        for bottom in range(top + 1, h + 1):
            cols &= m[bottom - 1]
            if not cols.any():
                break
            if bottom - top < min_height:
                continue
            left = None
            for c in range(w + 1):
                if c < w and cols[c]:
                    left = c if left is None else left
                    continue
                if left is not None:
                    area = (bottom - top) * (c - left)
                    if c - left >= min_width and area > best_area:
                        best, best_area = Box(top, left, bottom, c), area
                    left = None
    return best


def touches_border(obj: Object, grid: Grid) -> bool:
    """True when ``obj`` has a cell on the outer edge of ``grid``.

    >>> g = [[0, 0, 0], [0, 1, 0], [0, 0, 2]]
    >>> [touches_border(o, g) for o in find_objects(g)]
    [False, True]
    """
    h, w = np.shape(grid)
    return obj.top == 0 or obj.left == 0 or obj.bottom == h or obj.right == w


from omni_arc.dsl.objects import find_objects  # noqa: E402,F401 (used in doctests)
