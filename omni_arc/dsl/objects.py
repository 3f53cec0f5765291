"""Objects: connected groups of cells, found with :func:`find_objects`, plus pasting and moving them."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from omni_arc.dsl.core import Box, Diagonal, Grid, Mask, as_grid, as_mask, neighbour_steps


@dataclass(frozen=True, eq=False)
class Object:
    """A group of cells at position (``top``, ``left``) of its grid.

    ``patch`` holds the colours inside the bounding box (cells that are not part of the object hold
    ``background``) and ``mask`` tells which cells of the box belong to the object.

    >>> o = find_objects([[0, 2], [2, 2]])[0]
    >>> o.size, o.color, o.bbox
    (3, 2, Box(top=0, left=0, bottom=2, right=2))
    """

    top: int
    left: int
    patch: np.ndarray
    mask: np.ndarray
    background: int = 0

    @property
    def height(self) -> int:
        return int(self.patch.shape[0])

    @property
    def width(self) -> int:
        return int(self.patch.shape[1])

    @property
    def shape(self) -> tuple[int, int]:
        return (self.height, self.width)

    @property
    def bottom(self) -> int:
        """One past the last row (like :class:`Box`)."""
        return self.top + self.height

    @property
    def right(self) -> int:
        """One past the last column (like :class:`Box`)."""
        return self.left + self.width

    @property
    def bbox(self) -> Box:
        return Box(self.top, self.left, self.bottom, self.right)

    @property
    def size(self) -> int:
        """Number of cells."""
        return int(self.mask.sum())

    @property
    def colors(self) -> list[int]:
        """Sorted distinct colours of its cells."""
        return sorted(int(c) for c in np.unique(self.patch[self.mask]))

    @property
    def color(self) -> int:
        """Its most common colour (ties: smallest)."""
        values, counts = np.unique(self.patch[self.mask], return_counts=True)
        return int(values[np.argmax(counts)]) if len(values) else self.background

    @property
    def cells(self) -> list[tuple[int, int]]:
        """Grid coordinates ``(row, col)`` of its cells, in reading order."""
        return [(self.top + int(r), self.left + int(c)) for r, c in zip(*np.nonzero(self.mask))]

    @property
    def center(self) -> tuple[float, float]:
        """Centre of its bounding box as (row, col); halves when the size is even."""
        return (self.top + (self.height - 1) / 2, self.left + (self.width - 1) / 2)

    @property
    def is_rectangle(self) -> bool:
        """True when it fills its whole bounding box."""
        return bool(self.mask.all())

    def crop(self) -> Grid:
        """Its bounding box as a grid; cells not in the object hold the background colour."""
        return self.patch.copy()

    def grid_mask(self, shape: tuple[int, int]) -> Mask:
        """Its cells as a boolean mask of a grid of ``shape`` (clipped to it)."""
        out = np.zeros(shape, dtype=bool)
        for r, c in self.cells:
            if 0 <= r < shape[0] and 0 <= c < shape[1]:
                out[r, c] = True
        return out

    def moved(self, rows: int, cols: int) -> "Object":
        """The same object displaced by ``rows`` down and ``cols`` right."""
        return Object(self.top + rows, self.left + cols, self.patch.copy(), self.mask.copy(), self.background)

    def recolored(self, color: int) -> "Object":
        """The same object with every cell set to ``color``."""
        patch = np.where(self.mask, color, self.background)
        return Object(self.top, self.left, patch, self.mask.copy(), self.background)

    def __repr__(self) -> str:
        return f"Object(top={self.top}, left={self.left}, size={self.size}, colors={self.colors})"


def _components(mask: np.ndarray, diagonal: Diagonal, same: np.ndarray | None) -> list[list[tuple[int, int]]]:
    """Connected components of ``mask``; when ``same`` is given, neighbours must also share its value."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    steps = neighbour_steps(diagonal)
    comps = []
    for r0 in range(h):
        for c0 in range(w):
            if not mask[r0, c0] or seen[r0, c0]:
                continue
            seen[r0, c0] = True
            queue = deque([(r0, c0)])
            comp = []
            while queue:
                r, c = queue.popleft()
                comp.append((r, c))
                for dr, dc in steps:
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < h and 0 <= cc < w and mask[rr, cc] and not seen[rr, cc]:
                        if same is not None and same[rr, cc] != same[r, c]:
                            continue
                        seen[rr, cc] = True
                        queue.append((rr, cc))
            comps.append(comp)
    return comps


def _from_cells(grid: np.ndarray, cells: list[tuple[int, int]], background: int) -> Object:
    rows = [r for r, _ in cells]
    cols = [c for _, c in cells]
    top, left = min(rows), min(cols)
    mask = np.zeros((max(rows) - top + 1, max(cols) - left + 1), dtype=bool)
    for r, c in cells:
        mask[r - top, c - left] = True
    box = grid[top:top + mask.shape[0], left:left + mask.shape[1]]
    patch = np.where(mask, box, background)
    return Object(top, left, patch, mask, background)


def find_objects(grid: Grid, *, diagonal: Diagonal = False, background: int | None = 0,
                 by_color: bool = True) -> list[Object]:
    """Connected groups of non-background cells, in reading order of their top-left corner.

    ``diagonal`` also connects cells touching at a corner; ``by_color=False`` lets one object hold
    several colours; ``background=None`` makes every cell part of some object.

    >>> [o.size for o in find_objects([[1, 0, 2], [1, 0, 2], [0, 0, 2]])]
    [2, 3]
    """
    g = as_grid(grid)
    mask = np.ones_like(g, dtype=bool) if background is None else g != background
    comps = _components(mask, diagonal, g if by_color else None)
    bg = 0 if background is None else background
    objs = [_from_cells(g, comp, bg) for comp in comps]
    return sorted(objs, key=lambda o: (o.top, o.left))


def object_from_mask(grid: Grid, mask: Mask, background: int = 0) -> Object | None:
    """The cells of ``grid`` under ``mask`` as one :class:`Object`; ``None`` when the mask is empty.

    >>> object_from_mask([[5, 6], [7, 8]], [[False, True], [False, True]]).crop().tolist()
    [[6], [8]]
    """
    g = as_grid(grid)
    m = as_mask(mask)
    cells = [(int(r), int(c)) for r, c in zip(*np.nonzero(m))]
    return _from_cells(g, cells, background) if cells else None


def paste(grid: Grid, patch: Grid, top: int, left: int, transparent: int | None = None) -> Grid:
    """A copy of ``grid`` with ``patch`` written at (``top``, ``left``), clipped to the grid; ``transparent`` cells of the patch are skipped.

    >>> paste([[0, 0, 0]], [[7, 8]], 0, 2).tolist()
    [[0, 0, 7]]
    """
    g = as_grid(grid)
    p = as_grid(patch)
    h, w = g.shape
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + p.shape[0], h), min(left + p.shape[1], w)
    if r0 >= r1 or c0 >= c1:
        return g
    src = p[r0 - top:r1 - top, c0 - left:c1 - left]
    region = g[r0:r1, c0:c1]
    if transparent is None:
        region[...] = src
    else:
        region[src != transparent] = src[src != transparent]
    return g


def draw_object(grid: Grid, obj: Object, color: int | None = None) -> Grid:
    """A copy of ``grid`` with ``obj`` drawn at its position (clipped), in its own colours or ``color``.

    >>> o = find_objects([[3, 0]])[0]
    >>> draw_object([[0, 0], [0, 0]], o.moved(1, 1)).tolist()
    [[0, 0], [0, 3]]
    """
    g = as_grid(grid)
    for (r, c), (pr, pc) in zip(obj.cells, zip(*np.nonzero(obj.mask))):
        if 0 <= r < g.shape[0] and 0 <= c < g.shape[1]:
            g[r, c] = obj.patch[pr, pc] if color is None else color
    return g


def erase(grid: Grid, obj: Object, color: int | None = None) -> Grid:
    """A copy of ``grid`` with the cells of ``obj`` set to ``color`` (default: the object's background).

    >>> erase([[4, 4, 0]], find_objects([[4, 4, 0]])[0]).tolist()
    [[0, 0, 0]]
    """
    return draw_object(grid, obj, obj.background if color is None else color)


def move(grid: Grid, obj: Object, rows: int, cols: int, background: int | None = None) -> Grid:
    """A copy of ``grid`` with ``obj`` erased and redrawn ``rows`` down and ``cols`` right.

    >>> move([[2, 0, 0]], find_objects([[2, 0, 0]])[0], 0, 2).tolist()
    [[0, 0, 2]]
    """
    return draw_object(erase(grid, obj, background), obj.moved(rows, cols))


def same_shape(a: Object, b: Object) -> bool:
    """True when the two objects have the same cell pattern (ignoring colour and position).

    >>> a, b = find_objects([[1, 0, 2]])
    >>> same_shape(a, b)
    True
    """
    return a.mask.shape == b.mask.shape and bool((a.mask == b.mask).all())


def touches(a: Object, b: Object, diagonal: Diagonal = False) -> bool:
    """True when a cell of ``a`` is next to (on a side; with ``diagonal`` at a corner too) or on a cell of ``b``.

    >>> a, b = find_objects([[1, 2]])
    >>> touches(a, b)
    True
    """
    cells = set(b.cells)
    steps = ((0, 0),) + neighbour_steps(diagonal)
    return any((r + dr, c + dc) in cells for r, c in a.cells for dr, dc in steps)


def object_at(objects: list[Object], row: int, col: int) -> Object | None:
    """The object that has a cell at (``row``, ``col``), or ``None``.

    >>> object_at(find_objects([[0, 5]]), 0, 1).color
    5
    """
    for o in objects:
        if o.top <= row < o.bottom and o.left <= col < o.right and o.mask[row - o.top, col - o.left]:
            return o
    return None


def direction_to(a: Object, b: Object) -> tuple[int, int]:
    """Unit step (drow, dcol) from ``a`` toward ``b``: -1/0/+1 per axis, 0 where their extents overlap.

    >>> a, b = find_objects([[1, 0, 0], [0, 0, 2]])
    >>> direction_to(a, b)
    (1, 1)
    """
    dr = 1 if a.bottom <= b.top else -1 if b.bottom <= a.top else 0
    dc = 1 if a.right <= b.left else -1 if b.right <= a.left else 0
    return (dr, dc)


def slide(grid: Grid, obj: Object, direction: tuple[int, int] | str, background: int | None = None) -> Grid:
    """A copy of ``grid`` with ``obj`` moved step by step in ``direction`` ("down", (0, 1)...) until the next step would hit another non-background cell or leave the grid.

    Raises ValueError for an unknown direction name.

    >>> g = [[3, 0, 0, 5]]
    >>> slide(g, find_objects(g)[0], "right").tolist()
    [[0, 0, 3, 5]]
    """
    from omni_arc.dsl.drawing import _direction

    dr, dc = _direction(direction)
    bg = obj.background if background is None else background
    rest = erase(grid, obj, bg)
    if dr == 0 and dc == 0:
        return draw_object(rest, obj)
    h, w = rest.shape
    steps = 0
    while True:
        nxt = [(r + (steps + 1) * dr, c + (steps + 1) * dc) for r, c in obj.cells]
        if any(not (0 <= r < h and 0 <= c < w) or rest[r, c] != bg for r, c in nxt):
            break
        steps += 1
    return draw_object(rest, obj.moved(steps * dr, steps * dc))


def move_next_to(grid: Grid, obj: Object, target: Object, background: int | None = None) -> Grid:
    """A copy of ``grid`` with ``obj`` moved straight toward ``target`` (passing over anything between) until their bounding boxes touch.

    Unchanged when they are diagonal to each other or already overlap on both axes.

    >>> g = [[4, 0, 9, 0, 4]]
    >>> a, _, b = find_objects(g)
    >>> move_next_to(g, a, b).tolist()
    [[0, 0, 9, 4, 4]]
    """
    dr, dc = direction_to(obj, target)
    if dr and dc or not (dr or dc):
        return as_grid(grid)
    rows = target.top - obj.bottom if dr > 0 else target.bottom - obj.top if dr < 0 else 0
    cols = target.left - obj.right if dc > 0 else target.right - obj.left if dc < 0 else 0
    return move(grid, obj, rows, cols, background)
