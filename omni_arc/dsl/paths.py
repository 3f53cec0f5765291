"""Paths: a walker that steps from a cell until something blocks it, turning there by a rule."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from omni_arc.dsl.core import Grid, as_grid
from omni_arc.dsl.drawing import _direction
from omni_arc.dsl.grids import new_grid  # noqa: F401 (used in doctests)

TURNS = ("stop", "bounce", "right", "left")


def _colors(colors: int | Iterable[int]) -> set[int]:
    return {int(colors)} if isinstance(colors, (int, np.integer)) else {int(c) for c in colors}


def walk(grid: Grid, start: Sequence[int], direction: str | Sequence[int], *,
         walls: int | Iterable[int] | None = None, stop_at: int | Iterable[int] | None = None,
         turn: str | Callable[[int, int, tuple[int, int]], Sequence[int]] = "stop", edge: str = "stop",
         max_steps: int | None = None) -> list[tuple[int, int]]:
    """The cells (row, col) stepped on from ``start`` (excluded) going ``direction``; before a wall ``turn`` ("stop", "right", "left", "bounce" or a function) picks the next step.

    Walls are the cells of colours ``walls`` (default: every colour but 0), and the grid's edge when
    ``edge="wall"`` (with ``edge="stop"`` the walk ends there). In front of a wall the walker turns:
    "stop" ends the walk, "right"/"left" turn 90 degrees clockwise/counter-clockwise, "bounce"
    reflects like a billiard ball (a diagonal flips the blocked axis), and a function
    ``turn(row, col, (drow, dcol))`` returns the new step; up to four turns, then the walk ends. A cell
    of a ``stop_at`` colour ends the walk as its last cell. The walk also ends after ``max_steps``
    cells or when it would repeat a cell and heading. Raises ValueError for an unknown direction,
    ``turn`` or ``edge``.

    >>> walk([[0, 0, 5], [0, 0, 0]], (0, 0), "right", turn="right")
    [(0, 1), (1, 1)]
    """
    g = as_grid(grid)
    h, w = g.shape
    if edge not in ("stop", "wall"):
        raise ValueError(f"unknown edge {edge!r}; expected stop or wall")
    if not callable(turn) and turn not in TURNS:
        raise ValueError(f"unknown turn {turn!r}; expected {', '.join(TURNS)} or a function")
    wall_colors = None if walls is None else _colors(walls)
    stop_colors = set() if stop_at is None else _colors(stop_at)
    dr, dc = _direction(direction)
    r, c = (int(v) for v in start)

    def inside(y: int, x: int) -> bool:
        return 0 <= y < h and 0 <= x < w

    def blocked(y: int, x: int) -> bool:
        if not inside(y, x):
            return edge == "wall"
        v = int(g[y, x])
        return v not in stop_colors and (v != 0 if wall_colors is None else v in wall_colors)

    def turned(dr: int, dc: int) -> tuple[int, int]:
        if callable(turn):
            new = tuple(int(v) for v in turn(r, c, (dr, dc)))
            return (new[0], new[1]) if len(new) == 2 else (0, 0)
        if turn == "right":
            return dc, -dr
        if turn == "left":
            return -dc, dr
        if turn == "bounce" and dr and dc:
            flip_r, flip_c = blocked(r + dr, c), blocked(r, c + dc)
            if not (flip_r or flip_c):
                flip_r = flip_c = True
            return (-dr if flip_r else dr), (-dc if flip_c else dc)
        return (-dr, -dc) if turn == "bounce" else (0, 0)

    path: list[tuple[int, int]] = []
    seen = {(r, c, dr, dc)}
    while max_steps is None or len(path) < max_steps:
        for _ in range(4):
            if (dr, dc) == (0, 0) or not blocked(r + dr, c + dc):
                break
            dr, dc = turned(dr, dc)
        if (dr, dc) == (0, 0) or blocked(r + dr, c + dc) or not inside(r + dr, c + dc):
            break
        r, c = r + dr, c + dc
        if (r, c, dr, dc) in seen:
            break
        seen.add((r, c, dr, dc))
        path.append((r, c))
        if int(g[r, c]) in stop_colors:
            break
    return path


def draw_walk(grid: Grid, start: Sequence[int], direction: str | Sequence[int], color: int, *,
              walls: int | Iterable[int] | None = None, stop_at: int | Iterable[int] | None = None,
              turn: str | Callable[[int, int, tuple[int, int]], Sequence[int]] = "stop", edge: str = "stop",
              max_steps: int | None = None) -> Grid:
    """A copy with the cells of :func:`walk` (same arguments) painted ``color``; a ``stop_at`` cell keeps its colour.

    >>> draw_walk(new_grid(3, 5), (2, 0), "up_right", 3, turn="bounce", edge="wall", max_steps=4).tolist()
    [[0, 0, 3, 0, 0], [0, 3, 0, 3, 0], [0, 0, 0, 0, 3]]
    """
    g = as_grid(grid)
    stop_colors = set() if stop_at is None else _colors(stop_at)
    for r, c in walk(g, start, direction, walls=walls, stop_at=stop_at, turn=turn, edge=edge, max_steps=max_steps):
        if int(g[r, c]) not in stop_colors:
            g[r, c] = color
    return g
