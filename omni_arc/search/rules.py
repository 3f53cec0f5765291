"""Per-cell rules learned from the train pairs: each output cell's colour as a function of a small,
generic description (a *key*) of the same cell in the input.

A key function maps a grid to one key per cell (row-major): the cell's colour together with its
neighbours, the colours its rays meet, the colours of its row and column, or the size of its
component. A rule is a table ``key -> colour`` that must agree with every cell of every train
pair and be *total* on the test inputs (every test key seen in the train pairs): a rule that
would have to guess is not a program.

Every function here is standalone (numpy, the builtins and the DSL only), so a found program
carries its key function's source and runs like any candidate.
"""
from __future__ import annotations

import numpy as np

from omni_arc.dsl import background_color, dihedral, find_objects


def colour_keys(grid):
    """Each cell's colour.

    >>> colour_keys(np.array([[1, 2]]))
    [(1,), (2,)]
    """
    g = np.asarray(grid)
    return [(int(v),) for v in g.ravel()]


def neighbour_count_keys(grid):
    """Each cell's colour and how many of its 8 neighbours are not background (the most common colour).

    >>> neighbour_count_keys(np.array([[0, 0, 0], [0, 5, 0], [0, 0, 0]]))[:2]
    [(0, 1), (0, 1)]
    """
    g = np.asarray(grid)
    bg = background_color(g)
    p = np.pad(g != bg, 1).astype(int)
    h, w = g.shape
    n = sum(p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w] for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
    return list(zip(g.ravel().tolist(), n.ravel().tolist()))


def neighbour_colours_keys(grid):
    """Each cell's colour and the sorted colours of its 8 neighbours (-1 outside the grid).

    >>> neighbour_colours_keys(np.array([[1, 2]]))
    [(1, (-1, -1, -1, -1, -1, -1, -1, 2)), (2, (-1, -1, -1, -1, -1, -1, -1, 1))]
    """
    g = np.asarray(grid).astype(int)
    p = np.pad(g, 1, constant_values=-1)
    h, w = g.shape
    n = np.stack([p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w] for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc], -1)
    n = np.sort(n.reshape(h * w, 8), axis=1)
    return [(c, tuple(row)) for c, row in zip(g.ravel().tolist(), n.tolist())]


def cross_keys(grid):
    """Each cell's colour and those of its 4 neighbours up, down, left, right (-1 outside the grid).

    >>> cross_keys(np.array([[1, 2]]))
    [(1, -1, -1, -1, 2), (2, -1, -1, 1, -1)]
    """
    g = np.asarray(grid).astype(int)
    p = np.pad(g, 1, constant_values=-1)
    h, w = g.shape
    parts = [g, p[:h, 1:w + 1], p[2:, 1:w + 1], p[1:h + 1, :w], p[1:h + 1, 2:]]
    return [tuple(k) for k in np.stack(parts, -1).reshape(h * w, 5).tolist()]


def first_colours(g, bg):
    """The first colour other than ``bg`` met looking up, down, left and right of each cell: four
    arrays of the grid's shape (-1 when none).

    >>> [a.tolist() for a in first_colours(np.array([[3, 0, 4]]), 0)]
    [[[-1, -1, -1]], [[-1, -1, -1]], [[-1, 3, 3]], [[4, 4, -1]]]
    """
    h, w = g.shape
    up, down, left, right = (np.full((h, w), -1) for _ in range(4))
    for i in range(1, h):
        up[i] = np.where(g[i - 1] != bg, g[i - 1], up[i - 1])
        down[h - 1 - i] = np.where(g[h - i] != bg, g[h - i], down[h - i])
    for j in range(1, w):
        left[:, j] = np.where(g[:, j - 1] != bg, g[:, j - 1], left[:, j - 1])
        right[:, w - 1 - j] = np.where(g[:, w - j] != bg, g[:, w - j], right[:, w - j])
    return up, down, left, right


def ray_keys(grid):
    """Each cell's colour and the first non-background colour met looking up, down, left and right
    (-1 when none; background is the most common colour).

    >>> ray_keys(np.array([[3, 0, 0, 4]]))[1]
    (0, -1, -1, 3, 4)
    """
    g = np.asarray(grid).astype(int)
    up, down, left, right = first_colours(g, background_color(g))
    h, w = g.shape
    return [tuple(k) for k in np.stack([g, up, down, left, right], -1).reshape(h * w, 5).tolist()]


def ray_pair_keys(grid):
    """Each cell's colour and the first non-background colours met along its column and along its
    row, each pair sorted (which side they come from does not matter; -1 when none).

    >>> ray_pair_keys(np.array([[3, 0, 0, 4]]))[1]
    (0, -1, -1, 3, 4)
    >>> ray_pair_keys(np.array([[4, 0, 0, 3]]))[1]
    (0, -1, -1, 3, 4)
    """
    g = np.asarray(grid).astype(int)
    up, down, left, right = first_colours(g, background_color(g))
    h, w = g.shape
    parts = [g, np.minimum(up, down), np.maximum(up, down), np.minimum(left, right), np.maximum(left, right)]
    return [tuple(k) for k in np.stack(parts, -1).reshape(h * w, 5).tolist()]


def line_colours_keys(grid):
    """Each cell's colour and the sets of colours in its row and in its column (sorted tuples).

    >>> line_colours_keys(np.array([[1, 2], [1, 1]]))[3]
    (1, (1,), (1, 2))
    """
    g = np.asarray(grid)
    rows = [tuple(sorted(set(r))) for r in g.tolist()]
    cols = [tuple(sorted(set(c))) for c in g.T.tolist()]
    return [(int(g[i, j]), rows[i], cols[j]) for i in range(g.shape[0]) for j in range(g.shape[1])]


def components(g):
    """The 4-connected single-colour components of ``g`` (background included), each a list of
    (row, column) cells, in row-major order of their first cell.

    >>> components(np.array([[1, 1, 2]]))
    [[(0, 0), (0, 1)], [(0, 2)]]
    """
    h, w = g.shape
    seen = np.zeros((h, w), dtype=bool)
    out = []
    for r0 in range(h):
        for c0 in range(w):
            if seen[r0, c0]:
                continue
            comp, todo = [(r0, c0)], [(r0, c0)]
            seen[r0, c0] = True
            while todo:
                r, c = todo.pop()
                for rr, cc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= rr < h and 0 <= cc < w and not seen[rr, cc] and g[rr, cc] == g[r, c]:
                        seen[rr, cc] = True
                        comp.append((rr, cc))
                        todo.append((rr, cc))
            out.append(comp)
    return out


def component_size_keys(grid):
    """Each cell's colour and the size of its 4-connected single-colour component.

    >>> component_size_keys(np.array([[1, 1, 2]]))
    [(1, 2), (1, 2), (2, 1)]
    """
    g = np.asarray(grid)
    size = np.zeros(g.shape, dtype=int)
    for comp in components(g):
        for r, c in comp:
            size[r, c] = len(comp)
    return list(zip(g.ravel().tolist(), size.ravel().tolist()))


def component_border_keys(grid):
    """Each cell's colour and whether its 4-connected single-colour component touches the grid's border.

    >>> component_border_keys(np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1]]))[3:6]
    [(1, True), (0, False), (1, True)]
    """
    g = np.asarray(grid)
    h, w = g.shape
    edge = np.zeros((h, w), dtype=bool)
    for comp in components(g):
        touches = any(r in (0, h - 1) or c in (0, w - 1) for r, c in comp)
        for r, c in comp:
            edge[r, c] = touches
    return [(int(v), bool(t)) for v, t in zip(g.ravel().tolist(), edge.ravel().tolist())]


def component_box_keys(grid):
    """Each cell's colour and the height and width of its 4-connected single-colour component's bounding box.

    >>> component_box_keys(np.array([[1, 1, 2]]))
    [(1, 1, 2), (1, 1, 2), (2, 1, 1)]
    """
    g = np.asarray(grid)
    box = {}
    for comp in components(g):
        rows, cols = [r for r, _ in comp], [c for _, c in comp]
        size = (max(rows) - min(rows) + 1, max(cols) - min(cols) + 1)
        for cell in comp:
            box[cell] = size
    return [(int(g[r, c]),) + box[(r, c)] for r in range(g.shape[0]) for c in range(g.shape[1])]


def apply_cell_rule(grid, rule, keys):
    """Each cell recoloured to ``rule[key]`` for its key under ``keys`` (a KeyError on an unseen key).

    >>> apply_cell_rule(np.array([[1, 2]]), {(1,): 3, (2,): 2}, colour_keys).tolist()
    [[3, 2]]
    """
    g = np.asarray(grid)
    return np.array([rule[k] for k in keys(g)], dtype=int).reshape(g.shape)


# The key functions in the order tried: the most abstract first (a table over fewer, coarser keys
# that explains every train pair is the stronger evidence).
KEY_FUNCTIONS = [colour_keys, neighbour_count_keys, component_border_keys, component_size_keys, component_box_keys,
                 ray_pair_keys, ray_keys, line_colours_keys, neighbour_colours_keys, cross_keys]


def sources(*fns) -> tuple[str, ...]:
    """The source of ``fns`` and of the functions of this module they call (those first, each
    once): what a program using them must carry to run standalone.

    >>> [src.split("(")[0] for src in sources(ray_keys, colour_keys)]
    ['def first_colours', 'def ray_keys', 'def colour_keys']
    """
    import inspect

    out: dict[str, str] = {}

    def add(fn) -> None:
        for name in fn.__code__.co_names:
            dep = globals().get(name)
            if inspect.isfunction(dep) and dep.__module__ == __name__ and dep.__name__ not in out:
                add(dep)
        out.setdefault(fn.__name__, inspect.getsource(fn))

    for fn in fns:
        add(fn)
    return tuple(out.values())


def learn_rule(pairs, keys, rule=None):
    """``rule`` extended with the keys and target colours of ``pairs`` (same-shape (input, output)
    grids), or None when two cells with the same key want different colours.

    >>> learn_rule([(np.array([[1, 2]]), np.array([[3, 2]]))], colour_keys)
    {(1,): 3, (2,): 2}
    >>> learn_rule([(np.array([[1, 1]]), np.array([[3, 2]]))], colour_keys) is None
    True
    """
    rule = dict(rule or {})
    for x, y in pairs:
        x, y = np.asarray(x), np.asarray(y)
        if x.shape != y.shape:
            return None
        for k, v in zip(keys(x), y.ravel().tolist()):
            if rule.setdefault(k, v) != v:
                return None
    return rule


def crop_object(grid, choose, diagonal=False, by_color=True, whole_box=True, objects=None):
    """The one object of ``grid`` picked by ``choose`` (objects: components of non-background cells,
    background the most common colour), cut out: its whole bounding box of ``grid`` when
    ``whole_box``, else its own cells on background. ``choose``: 'largest' / 'smallest' (cell
    count), 'most_colours', 'unique_shape', 'unique_colours' (the one object whose shape, or
    colour set, no other object has). A ValueError when no single object qualifies. ``objects``:
    those objects when already found (a speed-up).

    >>> crop_object(np.array([[1, 0, 0, 0], [0, 0, 2, 2], [0, 0, 2, 2]]), "largest").tolist()
    [[2, 2], [2, 2]]
    """
    g = np.asarray(grid)
    bg = background_color(g)
    objs = objects if objects is not None else find_objects(g, diagonal=diagonal, background=bg, by_color=by_color)
    if choose in ("unique_shape", "unique_colours"):
        def trait(o):
            return (o.mask.shape, o.mask.tobytes()) if choose == "unique_shape" else tuple(sorted(set(o.patch[o.mask].tolist())))
        traits = [trait(o) for o in objs]
        picked = [o for o, t in zip(objs, traits) if traits.count(t) == 1]
    else:
        def score(o):
            return len(set(o.patch[o.mask].tolist())) if choose == "most_colours" else o.size
        if not objs:
            raise ValueError("no objects")
        best = (max if choose in ("largest", "most_colours") else min)(score(o) for o in objs)
        picked = [o for o in objs if score(o) == best]
    if len(picked) != 1:
        raise ValueError(f"{len(picked)} objects qualify")
    o = picked[0]
    if whole_box:
        return g[o.top:o.top + o.mask.shape[0], o.left:o.left + o.mask.shape[1]].copy()
    return np.where(o.mask, o.patch, bg)


OBJECT_CHOICES = ("largest", "smallest", "most_colours", "unique_shape", "unique_colours")


def grid_parts(grid, axis, n, sep):
    """``grid`` cut into ``n`` equal parts along ``axis`` (0: stacked rows, 1: side by side), with
    ``sep`` separator rows or columns between them (a ValueError when it does not divide evenly).

    >>> [p.tolist() for p in grid_parts(np.array([[1, 5, 2]]), 1, 2, 1)]
    [[[1]], [[2]]]
    """
    g = np.asarray(grid)
    size = (g.shape[axis] - (n - 1) * sep) // n
    if size < 1 or n * size + (n - 1) * sep != g.shape[axis]:
        raise ValueError(f"{g.shape[axis]} does not split into {n} parts with {sep} between")
    starts = [k * (size + sep) for k in range(n)]
    return [g[s:s + size] if axis == 0 else g[:, s:s + size] for s in starts]


def apply_parts_rule(grid, rule, axis, n, sep):
    """Overlay the equal parts of ``grid`` (:func:`grid_parts`): each output cell is ``rule[(colours
    of the parts at that cell)]`` (a KeyError on an unseen combination).

    >>> apply_parts_rule(np.array([[1, 0, 5, 0, 0]]), {(1, 0): 3, (0, 0): 0}, 1, 2, 1).tolist()
    [[3, 0]]
    """
    parts = grid_parts(grid, axis, n, sep)
    keys = np.stack(parts, -1)
    h, w = parts[0].shape
    return np.array([rule[tuple(k)] for k in keys.reshape(h * w, n).tolist()], dtype=int).reshape(h, w)


PART_SPLITS = [(axis, n, sep) for n in (2, 3, 4) for sep in (1, 0) for axis in (0, 1)]


def mosaic(grid, blocks):
    """Blocks of transformed copies of ``grid`` side by side: ``blocks[i][j]`` is the dihedral index
    (as in the DSL's ``dihedral``) of the copy in block row i, block column j.

    >>> mosaic(np.array([[1, 2]]), [[0, 4]]).tolist()
    [[1, 2, 2, 1]]
    """
    g = np.asarray(grid)
    return np.concatenate([np.concatenate([dihedral(g, k) for k in row], 1) for row in blocks], 0)
