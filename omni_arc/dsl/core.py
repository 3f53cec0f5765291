"""Shared types of the DSL: ``Grid`` (a 2-D integer numpy array) and ``Box`` (a bounding box)."""
from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
import numpy.ma  # noqa: F401  numpy imports it lazily (e.g. inside np.unique): load it before a sandbox confines us

Grid = np.ndarray
Mask = np.ndarray  # a 2-D boolean array
Diagonal = bool | Literal["only"]  # which neighbours count: False sides, True sides and corners, "only" corners

SIDES = ((-1, 0), (1, 0), (0, -1), (0, 1))
CORNERS = ((-1, -1), (-1, 1), (1, -1), (1, 1))


class Box(NamedTuple):
    """A rectangle of cells: rows ``top..bottom-1`` and columns ``left..right-1`` (numpy slice convention).

    >>> Box(1, 2, 3, 5).height, Box(1, 2, 3, 5).width
    (2, 3)
    """

    top: int
    left: int
    bottom: int
    right: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def shape(self) -> tuple[int, int]:
        return (self.height, self.width)

    @property
    def slices(self) -> tuple[slice, slice]:
        """``grid[box.slices]`` is the part of ``grid`` inside the box."""
        return (slice(self.top, self.bottom), slice(self.left, self.right))


def as_grid(grid) -> np.ndarray:
    """A 2-D integer array copy of ``grid`` (a numpy array or a list of rows)."""
    arr = np.array(grid)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D grid, got {arr.ndim} dimensions")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        arr = arr.astype(int)
    return arr


def as_mask(mask) -> np.ndarray:
    """A 2-D boolean array from ``mask`` (booleans, or a grid where non-zero means True)."""
    arr = np.asarray(mask)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D mask, got {arr.ndim} dimensions")
    return arr.astype(bool)


def neighbour_steps(diagonal: Diagonal) -> tuple[tuple[int, int], ...]:
    """The (drow, dcol) steps to a cell's neighbours: the 4 sides (``False``), all 8 (``True``) or the 4 corners (``"only"``).

    >>> len(neighbour_steps(False)), len(neighbour_steps(True)), neighbour_steps("only")[0]
    (4, 8, (-1, -1))
    """
    if diagonal == "only":
        return CORNERS
    if isinstance(diagonal, (bool, int, np.bool_, np.integer)):
        return SIDES + CORNERS if diagonal else SIDES
    raise ValueError(f"diagonal must be False, True or 'only', got {diagonal!r}")
