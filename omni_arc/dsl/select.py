"""Selecting and sorting objects by a property (size, colour, position, shape...)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from omni_arc.dsl.objects import Object, find_objects  # noqa: F401 (find_objects: doctests)

Key = str | Callable[[Object], Any]


def _key(key: Key) -> Callable[[Object], Any]:
    if callable(key):
        return key
    return lambda o: getattr(o, key)


def sort_by(objects: Iterable[Object], key: Key, reverse: bool = False) -> list[Object]:
    """Objects sorted by ``key``: an attribute name ("size", "top", "left", "color", ...) or a function (stable).

    >>> [o.size for o in sort_by(find_objects([[1, 0, 2], [0, 0, 2]]), "size", reverse=True)]
    [2, 1]
    """
    return sorted(objects, key=_key(key), reverse=reverse)


def max_by(objects: Iterable[Object], key: Key) -> Object | None:
    """The object with the largest ``key`` (first in order on ties); ``None`` for no objects.

    >>> max_by(find_objects([[1, 0, 2]]), "color").color
    2
    """
    return max(objects, key=_key(key), default=None)


def min_by(objects: Iterable[Object], key: Key) -> Object | None:
    """The object with the smallest ``key`` (first in order on ties); ``None`` for no objects.

    >>> min_by(find_objects([[1, 0, 2]]), "color").color
    1
    """
    return min(objects, key=_key(key), default=None)


def largest(objects: Iterable[Object]) -> Object | None:
    """The object with the most cells (first on ties); ``None`` for no objects.

    >>> largest(find_objects([[1, 0, 2], [0, 0, 2]])).color
    2
    """
    return max_by(objects, "size")


def smallest(objects: Iterable[Object]) -> Object | None:
    """The object with the fewest cells (first on ties); ``None`` for no objects.

    >>> smallest(find_objects([[1, 0, 2], [0, 0, 2]])).color
    1
    """
    return min_by(objects, "size")


def select_by_color(objects: Iterable[Object], color: int) -> list[Object]:
    """The objects whose (main) colour is ``color``.

    >>> len(select_by_color(find_objects([[1, 0, 2, 0, 1]]), 1))
    2
    """
    return [o for o in objects if o.color == color]


def select_by_size(objects: Iterable[Object], size: int) -> list[Object]:
    """The objects with exactly ``size`` cells.

    >>> [o.color for o in select_by_size(find_objects([[1, 0, 2, 2]]), 2)]
    [2]
    """
    return [o for o in objects if o.size == size]


def group_by(objects: Iterable[Object], key: Key) -> dict[Any, list[Object]]:
    """Objects grouped by the value of ``key``, groups in order of first appearance.

    >>> {k: len(v) for k, v in group_by(find_objects([[1, 0, 2, 0, 1]]), "color").items()}
    {1: 2, 2: 1}
    """
    f = _key(key)
    groups: dict[Any, list[Object]] = {}
    for o in objects:
        groups.setdefault(f(o), []).append(o)
    return groups


def odd_one_out(objects: Iterable[Object], key: Key) -> Object | None:
    """The only object whose ``key`` value no other object shares; ``None`` unless exactly one is unique.

    >>> odd_one_out(find_objects([[1, 0, 2, 0, 1]]), "color").left
    2
    """
    objs = list(objects)
    f = _key(key)
    values = [f(o) for o in objs]
    try:
        counts = Counter(values)
    except TypeError:  # unhashable values (e.g. arrays): compare by repr
        values = [repr(v) for v in values]
        counts = Counter(values)
    unique = [o for o, v in zip(objs, values) if counts[v] == 1]
    return unique[0] if len(unique) == 1 else None


def shape_key(obj: Object) -> tuple:
    """A hashable description of an object's shape (its mask), for ``group_by``/``odd_one_out``.

    >>> a, b = find_objects([[1, 0, 2]])
    >>> shape_key(a) == shape_key(b)
    True
    """
    return (obj.mask.shape, obj.mask.tobytes())
