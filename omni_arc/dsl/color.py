"""Colours: counting, most/least common, recolouring, colour maps and colour masks.

Ties between equally frequent colours are always broken toward the smaller colour number.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from omni_arc.dsl.core import Grid, Mask, as_grid, as_mask


def _excluded(exclude: int | Iterable[int] | None) -> set[int]:
    if exclude is None:
        return set()
    if isinstance(exclude, (int, np.integer)):
        return {int(exclude)}
    return {int(c) for c in exclude}


def color_counts(grid: Grid, exclude: int | Iterable[int] | None = None) -> dict[int, int]:
    """How many cells have each colour present, as ``{color: count}`` sorted by colour.

    >>> color_counts([[1, 1, 0]])
    {0: 1, 1: 2}
    """
    values, counts = np.unique(as_grid(grid), return_counts=True)
    skip = _excluded(exclude)
    return {int(v): int(n) for v, n in zip(values, counts) if int(v) not in skip}


def unique_colors(grid: Grid, exclude: int | Iterable[int] | None = None) -> list[int]:
    """The sorted list of colours present (minus ``exclude``, e.g. the background).

    >>> unique_colors([[3, 0], [1, 3]], exclude=0)
    [1, 3]
    """
    return list(color_counts(grid, exclude))


def count_color(grid: Grid, color: int) -> int:
    """Number of cells of ``color``.

    >>> count_color([[1, 2], [1, 1]], 1)
    3
    """
    return int(np.count_nonzero(as_grid(grid) == color))


def count_colors(grid: Grid, exclude: int | Iterable[int] | None = None) -> int:
    """Number of distinct colours present (minus ``exclude``).

    >>> count_colors([[0, 1], [2, 2]], exclude=0)
    2
    """
    return len(color_counts(grid, exclude))


def most_common_color(grid: Grid, exclude: int | Iterable[int] | None = None) -> int | None:
    """The most frequent colour (ties: smallest colour); ``None`` when no colour is left after ``exclude``.

    >>> most_common_color([[0, 2, 2], [0, 0, 3]], exclude=0)
    2
    """
    counts = color_counts(grid, exclude)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -c))


def least_common_color(grid: Grid, exclude: int | Iterable[int] | None = None) -> int | None:
    """The least frequent colour present (ties: smallest colour); ``None`` when none is left after ``exclude``.

    >>> least_common_color([[0, 2, 2], [0, 0, 3]])
    3
    """
    counts = color_counts(grid, exclude)
    if not counts:
        return None
    return min(counts, key=lambda c: (counts[c], c))


def background_color(grid: Grid) -> int:
    """The background: the most common colour of the grid (ties: smallest colour).

    >>> background_color([[5, 5], [5, 1]])
    5
    """
    return most_common_color(grid)


def replace_color(grid: Grid, old: int, new: int) -> Grid:
    """A copy with every ``old`` cell set to ``new``.

    >>> replace_color([[1, 2, 1]], 1, 7).tolist()
    [[7, 2, 7]]
    """
    g = as_grid(grid)
    g[g == old] = new
    return g


def recolor(grid: Grid, color: int, background: int = 0) -> Grid:
    """A copy with every non-background cell set to ``color``.

    >>> recolor([[0, 2, 3]], 5).tolist()
    [[0, 5, 5]]
    """
    g = as_grid(grid)
    g[g != background] = color
    return g


def color_map(grid: Grid, mapping: Mapping[int, int]) -> Grid:
    """A copy with colours translated by ``mapping`` (all at once; unmapped colours stay).

    >>> color_map([[1, 2, 3]], {1: 2, 2: 1}).tolist()
    [[2, 1, 3]]
    """
    g = as_grid(grid)
    out = g.copy()
    for old, new in mapping.items():
        out[g == old] = new
    return out


def swap_colors(grid: Grid, a: int, b: int) -> Grid:
    """A copy with colours ``a`` and ``b`` exchanged.

    >>> swap_colors([[1, 2, 0]], 1, 2).tolist()
    [[2, 1, 0]]
    """
    return color_map(grid, {a: b, b: a})


def mask_of(grid: Grid, color: int) -> Mask:
    """Boolean mask of the cells of ``color``.

    >>> mask_of([[1, 0, 1]], 1).tolist()
    [[True, False, True]]
    """
    return as_grid(grid) == color


def content_mask(grid: Grid, background: int = 0) -> Mask:
    """Boolean mask of the cells that are not ``background``.

    >>> content_mask([[0, 3, 0]]).tolist()
    [[False, True, False]]
    """
    return as_grid(grid) != background


def mask_to_grid(mask: Mask, color: int = 1, background: int = 0) -> Grid:
    """A grid with ``color`` where ``mask`` is true and ``background`` elsewhere.

    >>> mask_to_grid([[True, False]], 4).tolist()
    [[4, 0]]
    """
    return np.where(as_mask(mask), color, background).astype(int)


def keep_colors(grid: Grid, colors: int | Iterable[int], background: int = 0) -> Grid:
    """A copy where cells of colours not in ``colors`` become ``background``.

    >>> keep_colors([[1, 2, 3]], [1, 3]).tolist()
    [[1, 0, 3]]
    """
    g = as_grid(grid)
    g[~np.isin(g, list(_excluded(colors)))] = background
    return g
