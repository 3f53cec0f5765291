"""Drawing: lines, rays, rectangles, fills and flood fills (always on a copy)."""
from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np

from omni_arc.dsl.core import Box, Diagonal, Grid, Mask, as_grid, as_mask, neighbour_steps
from omni_arc.dsl.grids import new_grid  # noqa: F401 (used in doctests)

DIRECTIONS = {
    "up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1),
    "up_left": (-1, -1), "up_right": (-1, 1), "down_left": (1, -1), "down_right": (1, 1),
}


def _direction(direction: str | Sequence[int]) -> tuple[int, int]:
    """The (drow, dcol) step of a direction name of :data:`DIRECTIONS` or of a (drow, dcol) pair (ValueError for an unknown name)."""
    if isinstance(direction, str):
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}; expected one of {', '.join(DIRECTIONS)}")
        return DIRECTIONS[direction]
    dr, dc = (int(v) for v in direction)
    return dr, dc


def fill_mask(grid: Grid, mask: Mask, color: int) -> Grid:
    """A copy with the cells under ``mask`` set to ``color`` (ValueError when the mask's shape differs from the grid's).

    >>> fill_mask([[0, 0], [0, 0]], [[True, False], [False, True]], 3).tolist()
    [[3, 0], [0, 3]]
    """
    g = as_grid(grid)
    m = as_mask(mask)
    if m.shape != g.shape:
        raise ValueError(f"mask shape {m.shape} differs from grid shape {g.shape}")
    g[m] = color
    return g


def draw_line(grid: Grid, start: Sequence[int], end: Sequence[int], color: int) -> Grid:
    """A copy with a straight line from ``start`` to ``end`` (both (row, col), included), clipped to the grid.

    >>> draw_line([[0, 0, 0], [0, 0, 0]], (0, 0), (1, 1), 4).tolist()
    [[4, 0, 0], [0, 4, 0]]
    """
    g = as_grid(grid)
    (r0, c0), (r1, c1) = start, end
    n = max(abs(r1 - r0), abs(c1 - c0))
    for i in range(n + 1):
        r = r0 + round(i * (r1 - r0) / n) if n else r0
        c = c0 + round(i * (c1 - c0) / n) if n else c0
        if 0 <= r < g.shape[0] and 0 <= c < g.shape[1]:
            g[r, c] = color
    return g


def draw_ray(grid: Grid, start: Sequence[int], direction: str | Sequence[int], color: int, *,
             stop_at: int | None = None, include_start: bool = False, background: int | None = None) -> Grid:
    """A copy with a ray from ``start`` going ``direction`` ("up", "down_right", or (drow, dcol)) to the edge.

    The ray stops before the first cell of colour ``stop_at``, or (with ``background``) before the
    first cell that is not ``background``. Raises ValueError for an unknown direction name or (0, 0).

    >>> draw_ray([[1, 0, 0, 5, 0]], (0, 0), "right", 2, stop_at=5).tolist()
    [[1, 2, 2, 5, 0]]
    """
    g = as_grid(grid)
    dr, dc = _direction(direction)
    if dr == 0 and dc == 0:
        raise ValueError("a ray needs a non-zero direction")
    r, c = start
    if include_start and 0 <= r < g.shape[0] and 0 <= c < g.shape[1]:
        g[r, c] = color
    r, c = r + dr, c + dc
    while 0 <= r < g.shape[0] and 0 <= c < g.shape[1]:
        if stop_at is not None and g[r, c] == stop_at:
            break
        if background is not None and g[r, c] != background:
            break
        g[r, c] = color
        r, c = r + dr, c + dc
    return g


def draw_rect(grid: Grid, box: Box | Sequence[int], color: int) -> Grid:
    """A copy with the outline of ``box`` = (top, left, bottom, right), bottom/right excluded, drawn in ``color``.

    >>> draw_rect(new_grid(3, 3), (0, 0, 3, 3), 1).tolist()
    [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    """
    g = as_grid(grid)
    top, left, bottom, right = box
    if bottom <= top or right <= left:
        return g
    inside = np.zeros(g.shape, dtype=bool)
    inside[max(top, 0):max(bottom, 0), max(left, 0):max(right, 0)] = True
    inner = np.zeros(g.shape, dtype=bool)
    inner[max(top + 1, 0):max(bottom - 1, 0), max(left + 1, 0):max(right - 1, 0)] = True
    g[inside & ~inner] = color
    return g


def fill_rect(grid: Grid, box: Box | Sequence[int], color: int) -> Grid:
    """A copy with every cell of ``box`` = (top, left, bottom, right), bottom/right excluded, set to ``color``.

    >>> fill_rect([[0, 0, 0]], (0, 1, 1, 3), 6).tolist()
    [[0, 6, 6]]
    """
    g = as_grid(grid)
    top, left, bottom, right = box
    g[max(top, 0):max(bottom, 0), max(left, 0):max(right, 0)] = color
    return g


def flood_fill(grid: Grid, start: Sequence[int], color: int, diagonal: Diagonal = False) -> Grid:
    """A copy where the same-coloured region connected to ``start`` = (row, col) is set to ``color`` (unchanged when ``start`` is outside).

    >>> flood_fill([[0, 0, 1], [1, 1, 0]], (0, 0), 3).tolist()
    [[3, 3, 1], [1, 1, 0]]
    """
    g = as_grid(grid)
    r0, c0 = start
    if not (0 <= r0 < g.shape[0] and 0 <= c0 < g.shape[1]):
        return g
    old = g[r0, c0]
    if old == color:
        return g
    steps = neighbour_steps(diagonal)
    queue = deque([(r0, c0)])
    g[r0, c0] = color
    while queue:
        r, c = queue.popleft()
        for dr, dc in steps:
            rr, cc = r + dr, c + dc
            if 0 <= rr < g.shape[0] and 0 <= cc < g.shape[1] and g[rr, cc] == old:
                g[rr, cc] = color
                queue.append((rr, cc))
    return g


def connect(grid: Grid, color: int, line_color: int | None = None, background: int = 0,
            diagonal: Diagonal = False) -> Grid:
    """A copy where each pair of ``color`` cells in the same row or column (``diagonal=True``: or on a diagonal; ``"only"``: only on a diagonal) is joined by a line over the ``background`` cells between.

    >>> connect([[4, 0, 0, 4], [0, 0, 0, 0]], 4, 2).tolist()
    [[4, 2, 2, 4], [0, 0, 0, 0]]
    """
    src = as_grid(grid)
    g = src.copy()
    line = color if line_color is None else line_color
    cells = set(zip(*(v.tolist() for v in np.nonzero(src == color))))
    steps = [(dr, dc) for dr, dc in neighbour_steps(diagonal) if (dr, dc) > (0, 0)]  # one step per line direction
    for r, c in cells:
        for dr, dc in steps:
            rr, cc, path = r + dr, c + dc, []
            while 0 <= rr < g.shape[0] and 0 <= cc < g.shape[1] and (rr, cc) not in cells:
                path.append((rr, cc))
                rr, cc = rr + dr, cc + dc
            if (rr, cc) in cells:
                for pr, pc in path:
                    if src[pr, pc] == background:
                        g[pr, pc] = line
    return g
