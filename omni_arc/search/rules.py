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
    bg = int(np.bincount(g.ravel(), minlength=10).argmax())
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


def ray_keys(grid):
    """Each cell's colour and the first non-background colour met looking up, down, left and right
    (-1 when none; background is the most common colour).

    >>> ray_keys(np.array([[3, 0, 0, 4]]))[1]
    (0, -1, -1, 3, 4)
    """
    g = np.asarray(grid).astype(int)
    bg = int(np.bincount(g.ravel(), minlength=10).argmax())
    h, w = g.shape
    up, down, left, right = (np.full((h, w), -1) for _ in range(4))
    for i in range(1, h):
        up[i] = np.where(g[i - 1] != bg, g[i - 1], up[i - 1])
        down[h - 1 - i] = np.where(g[h - i] != bg, g[h - i], down[h - i])
    for j in range(1, w):
        left[:, j] = np.where(g[:, j - 1] != bg, g[:, j - 1], left[:, j - 1])
        right[:, w - 1 - j] = np.where(g[:, w - j] != bg, g[:, w - j], right[:, w - j])
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
    bg = int(np.bincount(g.ravel(), minlength=10).argmax())
    h, w = g.shape
    up, down, left, right = (np.full((h, w), -1) for _ in range(4))
    for i in range(1, h):
        up[i] = np.where(g[i - 1] != bg, g[i - 1], up[i - 1])
        down[h - 1 - i] = np.where(g[h - i] != bg, g[h - i], down[h - i])
    for j in range(1, w):
        left[:, j] = np.where(g[:, j - 1] != bg, g[:, j - 1], left[:, j - 1])
        right[:, w - 1 - j] = np.where(g[:, w - j] != bg, g[:, w - j], right[:, w - j])
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


def component_size_keys(grid):
    """Each cell's colour and the size of its 4-connected single-colour component.

    >>> component_size_keys(np.array([[1, 1, 2]]))
    [(1, 2), (1, 2), (2, 1)]
    """
    g = np.asarray(grid)
    h, w = g.shape
    size = np.zeros((h, w), dtype=int)
    for r0 in range(h):
        for c0 in range(w):
            if size[r0, c0]:
                continue
            comp, todo = [(r0, c0)], [(r0, c0)]
            size[r0, c0] = -1
            while todo:
                r, c = todo.pop()
                for rr, cc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= rr < h and 0 <= cc < w and not size[rr, cc] and g[rr, cc] == g[r, c]:
                        size[rr, cc] = -1
                        comp.append((rr, cc))
                        todo.append((rr, cc))
            for r, c in comp:
                size[r, c] = len(comp)
    return list(zip(g.ravel().tolist(), size.ravel().tolist()))


def apply_cell_rule(grid, rule, keys):
    """Each cell recoloured to ``rule[key]`` for its key under ``keys`` (a KeyError on an unseen key).

    >>> apply_cell_rule(np.array([[1, 2]]), {(1,): 3, (2,): 2}, colour_keys).tolist()
    [[3, 2]]
    """
    g = np.asarray(grid)
    return np.array([rule[k] for k in keys(g)], dtype=int).reshape(g.shape)


# The key functions in the order tried: the most abstract first (a table over fewer, coarser keys
# that explains every train pair is the stronger evidence).
KEY_FUNCTIONS = [colour_keys, neighbour_count_keys, component_size_keys, ray_pair_keys, ray_keys,
                 line_colours_keys, neighbour_colours_keys, cross_keys]


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
