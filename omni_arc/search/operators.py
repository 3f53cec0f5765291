"""Search operators: grid→grid steps with their program text, and output steps fitted to train pairs.

Everything here comes from the DSL's own signatures and generic grid reasoning (dihedral
symmetries, colour permutations, cropping, integer scaling and tiling); nothing is specific to
any task. A :class:`Step` is a function together with the expression(s) that write it in a
program; a :class:`Post` is an output step whose parameters (a colour map, a scale factor) are
fitted pair by pair, failing as soon as one train pair rules it out. Learned rules (a table
from a cell's key to its colour, an object choice, equal parts overlaid) are posts too; their
helper functions come from :mod:`omni_arc.search.rules` and travel with the program text.
"""
from __future__ import annotations

import inspect
import itertools
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from omni_arc import dsl
from omni_arc.dsl import DIRECTIONS, color_map, crop_to_content, dihedral, scale_down, scale_up, tile
from omni_arc.search.rules import (
    KEY_FUNCTIONS, OBJECT_CHOICES, PART_SPLITS, apply_cell_rule, apply_parts_rule, crop_object, grid_parts, learn_rule,
    mosaic, sources,
)

MAX_SIDE = 30


@dataclass(frozen=True)
class Step:
    """A grid→grid function and the expressions (``{}`` = the grid) that write it as program lines."""

    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    exprs: tuple[str, ...]
    defs: tuple[str, ...] = ()  # top-level source the expressions call (helper functions)
    cost: float = 0.0  # complexity beyond its program lines (a learned table)

    def then(self, other: "Step") -> "Step":
        """``other`` applied after ``self``.

        >>> s = IDENTITY.then(DIHEDRAL[4])
        >>> s.fn(np.array([[1, 2]])).tolist(), s.exprs
        ([[2, 1]], ('flip_left_right({})',))
        """
        if not self.exprs:
            return other
        if not other.exprs:
            return self
        f, g = self.fn, other.fn
        defs = self.defs + tuple(d for d in other.defs if d not in self.defs)
        return Step(f"{self.name}+{other.name}", lambda x: g(f(x)), self.exprs + other.exprs, defs,
                    self.cost + other.cost)


IDENTITY = Step("identity", lambda g: g, ())


def valid_grid(out: Any) -> np.ndarray | None:
    """``out`` as a 2-D integer array when it is a valid ARC grid (1..30 per side, colours 0..9), else None.

    >>> valid_grid([[1, 2]]).tolist(), valid_grid([[10]]), valid_grid(np.zeros((0, 0)))
    ([[1, 2]], None, None)
    """
    try:
        arr = np.asarray(out)
    except Exception:  # noqa: BLE001 - ragged lists and the like are simply not grids
        return None
    if arr.ndim != 2 or not (0 < arr.shape[0] <= MAX_SIDE and 0 < arr.shape[1] <= MAX_SIDE):
        return None
    if arr.dtype == bool or arr.dtype.kind not in "iu":
        return None
    if arr.min() < 0 or arr.max() > 9:
        return None
    return arr


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Exactly the same grid.

    >>> same(np.array([[1]]), np.array([[1]])), same(np.array([[1]]), np.array([[1, 1]]))
    (True, False)
    """
    return a.shape == b.shape and bool(np.array_equal(a, b))


# --- the 8 dihedral transforms, written with the DSL's named primitives ----------------------

def _dihedral_view(g: np.ndarray, k: int) -> np.ndarray:
    """``dihedral(g, k)`` as a numpy view (no copy: the search never writes into grids).

    >>> all(same(_dihedral_view(np.arange(6).reshape(2, 3), k), dihedral(np.arange(6).reshape(2, 3), k))
    ...     for k in range(8))
    True
    """
    return np.rot90(g[:, ::-1] if k >= 4 else g, -(k % 4))


def _dihedral_steps() -> list[Step]:
    probe = np.arange(6).reshape(2, 3)
    named = [(f"{dsl.rotate.__name__}({{}}, 1)", lambda g: dsl.rotate(g, 1)),
             (f"{dsl.rotate.__name__}({{}}, 2)", lambda g: dsl.rotate(g, 2)),
             (f"{dsl.rotate.__name__}({{}}, 3)", lambda g: dsl.rotate(g, 3)),
             (f"{dsl.flip_left_right.__name__}({{}})", dsl.flip_left_right),
             (f"{dsl.flip_top_bottom.__name__}({{}})", dsl.flip_top_bottom),
             (f"{dsl.transpose.__name__}({{}})", dsl.transpose),
             (f"{dsl.anti_transpose.__name__}({{}})", dsl.anti_transpose)]
    steps = [IDENTITY]
    for k in range(1, 8):
        want = dihedral(probe, k)
        expr = next(e for e, f in named if same(np.asarray(f(probe)), want))
        steps.append(Step(f"d{k}", lambda g, k=k: _dihedral_view(g, k), (expr,)))
    return steps


DIHEDRAL: list[Step] = _dihedral_steps()
CROP = Step("crop", crop_to_content, (f"{crop_to_content.__name__}({{}})",))


def pre_steps() -> list[Step]:
    """Input-side steps (tried before a base program): the 7 non-identity dihedral transforms and crop to content."""
    return DIHEDRAL[1:] + [CROP]


# --- fitted output steps --------------------------------------------------------------------

class Post:
    """An output step fitted over the train pairs: :meth:`feed` narrows the state, None rules it out."""

    name = "post"

    def start(self) -> Any:
        return ()

    def feed(self, state: Any, out: np.ndarray, target: np.ndarray) -> Any:
        raise NotImplementedError

    def finish(self, state: Any) -> Step | None:
        raise NotImplementedError


class Fixed(Post):
    """A fixed step: right when it maps the base output onto the target."""

    def __init__(self, step: Step):
        self.step, self.name = step, step.name

    def feed(self, state, out, target):
        r = self.step.fn(out)
        return state if isinstance(r, np.ndarray) and same(r, target) else None

    def finish(self, state):
        return self.step


def fit_color_map(out: np.ndarray, target: np.ndarray, mapping: dict[int, int]) -> dict[int, int] | None:
    """``mapping`` extended so that ``color_map(out, mapping) == target`` with distinct colours
    kept distinct (a colour permutation), or None when impossible.

    >>> fit_color_map(np.array([[1, 2, 1]]), np.array([[3, 4, 3]]), {})
    {1: 3, 2: 4}
    >>> fit_color_map(np.array([[1, 1]]), np.array([[3, 4]]), {}) is None  # one colour cannot become two
    True
    >>> fit_color_map(np.array([[1, 2]]), np.array([[3, 3]]), {}) is None  # two colours cannot merge
    True
    """
    if out.shape != target.shape:
        return None
    seen = np.bincount((out.astype(np.int64) * 10 + target).ravel(), minlength=100)[:100].reshape(10, 10) > 0
    if (seen.sum(axis=1) > 1).any() or (seen.sum(axis=0) > 1).any():
        return None
    mapping = dict(mapping)
    used = {b: a for a, b in mapping.items()}
    for a, b in zip(*np.nonzero(seen)):
        a, b = int(a), int(b)
        if mapping.setdefault(a, b) != b or used.setdefault(b, a) != a:
            return None
    return mapping


class ColorMapped(Post):
    """A step followed by a colour map inferred from the train pairs (only when it changes a colour)."""

    def __init__(self, step: Step):
        self.step, self.name = step, f"{step.name}+colors"

    def start(self):
        return {}

    def feed(self, state, out, target):
        r = self.step.fn(out)
        return fit_color_map(r, target, state) if isinstance(r, np.ndarray) else None

    def finish(self, state):
        mapping = {a: b for a, b in sorted(state.items()) if a != b}
        if not mapping:
            return None
        literal = repr(mapping).replace("{", "{{").replace("}", "}}")
        expr = f"{color_map.__name__}({{}}, {literal})"
        return self.step.then(Step(f"colors{mapping}", lambda g, m=mapping: color_map(g, m), (expr,)))


class Ratio(Post):
    """``fn(out, a, b)`` with integer factors fitted from the shapes: scale up, scale down, tile."""

    def __init__(self, fn: Callable, shrink: bool):
        self.fn, self.shrink, self.name = fn, shrink, fn.__name__

    def _factors(self, out, target):
        big, small = (out, target) if self.shrink else (target, out)
        (H, W), (h, w) = big.shape, small.shape
        if H % h or W % w:
            return None
        return H // h, W // w

    def start(self):
        return None

    def feed(self, state, out, target):
        f = self._factors(out, target)
        if f is None or f == (1, 1) or (state is not None and state != f):
            return None
        r = self.fn(out, *f)
        return f if same(r, target) else None

    def finish(self, state):
        a, b = state
        args = f"{a}" if a == b else f"{a}, {b}"
        return Step(f"{self.name}{state}", lambda g, fn=self.fn, a=a, b=b: fn(g, a, b),
                    (f"{self.fn.__name__}({{}}, {args})",))


RULE_COST = 1.0  # a learned table: ranked after any fixed step that explains the same pairs


class CellRule(Post):
    """Each output cell's colour looked up in a table ``key -> colour`` learned from the train pairs
    (:mod:`omni_arc.search.rules`); only when the table changes some cell of some train pair."""

    def __init__(self, keys: Callable):
        self.keys, self.name = keys, f"rule[{keys.__name__}]"

    def start(self):
        return ({}, False)

    def feed(self, state, out, target):
        if out.shape != target.shape:
            return None
        rule = learn_rule([(out, target)], self.keys, state[0])
        return None if rule is None else (rule, state[1] or not same(out, target))

    def finish(self, state):
        rule, changed = state
        if not changed:
            return None
        literal = _literal(dict(sorted(rule.items())))
        return Step(self.name, lambda g, r=rule, k=self.keys: apply_cell_rule(g, r, k),
                    (f"{apply_cell_rule.__name__}({{}}, {literal}, {self.keys.__name__})",),
                    sources(self.keys, apply_cell_rule), RULE_COST)


class ObjectCrop(Post):
    """The input's one object picked by a generic choice (largest, smallest, most colours, unique
    shape or colours; :func:`~omni_arc.search.rules.crop_object`), the same choice on every train pair."""

    name = "crop_object"
    CONFIGS = [(c, d, b, w) for w in (True, False) for d in (False, True) for b in (True, False) for c in OBJECT_CHOICES]

    def start(self):
        return self.CONFIGS

    def feed(self, state, out, target):
        if target.shape[0] > out.shape[0] or target.shape[1] > out.shape[1] or target.shape == out.shape:
            return None
        bg = dsl.background_color(out)
        found: dict[tuple[bool, bool], list] = {}
        alive = []
        for c, d, b, w in state:
            objs = found.get((d, b))
            if objs is None:
                objs = found[(d, b)] = dsl.find_objects(out, diagonal=d, background=bg, by_color=b)
            try:
                r = crop_object(out, c, d, b, w, objects=objs)
            except ValueError:
                continue
            if same(r, target):
                alive.append((c, d, b, w))
        return alive or None

    def finish(self, state):
        c, d, b, w = state[0]
        return Step(f"crop_object({c})", lambda g: crop_object(g, c, d, b, w),
                    (f"{crop_object.__name__}({{}}, {c!r}, diagonal={d}, by_color={b}, whole_box={w})",),
                    sources(crop_object))


class PartsRule(Post):
    """The input cut into equal parts (:func:`~omni_arc.search.rules.grid_parts`) overlaid cell by
    cell: each output colour looked up by the parts' colours there, a table learned from the train pairs."""

    name = "parts_rule"

    def start(self):
        return {split: {} for split in PART_SPLITS}

    def feed(self, state, out, target):
        alive = {}
        for (axis, n, sep), rule in state.items():
            if out.shape[1 - axis] != target.shape[1 - axis] or out.shape[axis] != n * target.shape[axis] + (n - 1) * sep:
                continue
            parts = grid_parts(out, axis, n, sep)
            keys = [tuple(k) for k in np.stack(parts, -1).reshape(target.size, n).tolist()]
            rule = dict(rule)
            if all(rule.setdefault(k, v) == v for k, v in zip(keys, target.ravel().tolist())):
                alive[(axis, n, sep)] = rule
        return alive or None

    def finish(self, state):
        (axis, n, sep), rule = next(iter(state.items()))
        literal = _literal(dict(sorted(rule.items())))
        return Step(f"parts_rule{(axis, n, sep)}", lambda g: apply_parts_rule(g, rule, axis, n, sep),
                    (f"{apply_parts_rule.__name__}({{}}, {literal}, {axis}, {n}, {sep})",),
                    sources(grid_parts, apply_parts_rule), RULE_COST)


class Mosaic(Post):
    """An output made of blocks the input's size, each a dihedral transform of the input, the same
    transform per block on every train pair (:func:`~omni_arc.search.rules.mosaic`)."""

    name = "mosaic"

    def start(self):
        return None

    def feed(self, state, out, target):
        (h, w), (H, W) = out.shape, target.shape
        if H % h or W % w or (H, W) == (h, w) or (state is not None and state[0] != (H // h, W // w)):
            return None
        views = [_dihedral_view(out, k) for k in range(8)]
        fits = {}
        for i in range(H // h):
            for j in range(W // w):
                block = target[i * h:(i + 1) * h, j * w:(j + 1) * w]
                ok = {k for k, v in enumerate(views) if same(v, block)}
                fits[(i, j)] = ok if state is None else ok & state[1][(i, j)]
                if not fits[(i, j)]:
                    return None
        return (H // h, W // w), fits

    def finish(self, state):
        (a, b), fits = state
        blocks = [[min(fits[(i, j)]) for j in range(b)] for i in range(a)]
        return Step(f"mosaic{blocks}", lambda g: mosaic(g, blocks), (f"{mosaic.__name__}({{}}, {blocks})",),
                    sources(mosaic))


def rule_posts() -> list[Post]:
    """Output steps that recolour each cell by a rule learned from the train pairs, one per key function."""
    return [CellRule(k) for k in KEY_FUNCTIONS]


def structural_posts() -> list[Post]:
    """Output steps tried after every base program: 8 dihedral transforms (each also with an
    inferred colour map), crop to content, integer scaling up and down, and tiling."""
    posts: list[Post] = [Fixed(d) for d in DIHEDRAL]
    posts += [ColorMapped(d) for d in DIHEDRAL]
    posts += [Fixed(CROP), Ratio(scale_up, False), Ratio(scale_down, True), Ratio(tile, False)]
    return posts


# --- grid→grid DSL primitives found by signature ---------------------------------------------

COLOR_PARAMS = {"color", "old", "new", "a", "b", "colors", "line_color", "fill"}
SMALL_INT_PARAMS = {"times": (1, 2, 3), "factor": (2, 3), "width": (1,), "rows": (-1, 1), "cols": (-1, 1),
                    "index": (1, 2, 3, 4, 5, 6, 7)}
SIDE_PARAMS = {"direction", "side"}
CARDINAL = [d for d, (r, c) in DIRECTIONS.items() if r == 0 or c == 0]
MAX_PER_PRIMITIVE = 16


def _is_grid(annotation: Any) -> bool:
    return annotation in ("Grid", dsl.Grid)


def grid_primitives() -> list[tuple[Callable, list[inspect.Parameter]]]:
    """The DSL primitives of type ``Grid -> Grid`` (their first parameter a grid, the rest
    either defaulted or enumerable: colours, small integers, directions)."""
    found = []
    for name in dsl.__all__:
        fn = getattr(dsl, name)
        if not inspect.isfunction(fn):
            continue
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            continue
        params = list(sig.parameters.values())
        if not params or not _is_grid(params[0].annotation) or not _is_grid(sig.return_annotation):
            continue
        if params[0].kind not in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD):
            continue
        rest = params[1:]
        ok = True
        for p in rest:
            required = p.default is inspect.Parameter.empty
            if required and not (p.name in COLOR_PARAMS or p.name in SMALL_INT_PARAMS or p.name in SIDE_PARAMS):
                ok = False
        if ok:
            found.append((fn, rest))
    return found


def _domain(p: inspect.Parameter, colors: Sequence[int]) -> list[Any]:
    required = p.default is inspect.Parameter.empty
    if p.name in SIDE_PARAMS:
        return CARDINAL
    if not required:
        return [p.default]
    if p.name in COLOR_PARAMS:
        return list(colors)
    return list(SMALL_INT_PARAMS[p.name])


def _literal(v: Any) -> str:
    return repr(v).replace("{", "{{").replace("}", "}}")


def primitive_steps(colors: Sequence[int]) -> list[Step]:
    """Every instantiation of the grid→grid primitives over ``colors`` and small parameters
    (at most :data:`MAX_PER_PRIMITIVE` each; identical argument values for two colour
    parameters are skipped)."""
    steps = []
    for fn, rest in grid_primitives():
        domains = [_domain(p, colors) for p in rest]
        n = 0
        for values in itertools.product(*domains):
            colour_vals = [v for p, v in zip(rest, values) if p.name in COLOR_PARAMS and p.default is p.empty]
            if len(colour_vals) != len(set(colour_vals)):
                continue
            shown = [(p, v) for p, v in zip(rest, values) if p.default is p.empty or v != p.default]
            args = "".join(f", {_literal(v)}" if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty
                           else f", {p.name}={_literal(v)}" for p, v in shown)
            kwargs = {p.name: v for p, v in shown}
            steps.append(Step(f"{fn.__name__}({args[2:]})", lambda g, fn=fn, kw=kwargs: fn(g, **kw),
                              (f"{fn.__name__}({{}}{args})",)))
            n += 1
            if n >= MAX_PER_PRIMITIVE:
                break
    return steps


def task_colors(pairs: Sequence[tuple[np.ndarray, np.ndarray]], limit: int = 5) -> list[int]:
    """The colours of a task's train pairs, most frequent first (at most ``limit``).

    >>> task_colors([(np.array([[0, 1, 1]]), np.array([[2, 2, 2]]))])
    [2, 1, 0]
    """
    counts = np.zeros(10, dtype=np.int64)
    for x, y in pairs:
        counts += np.bincount(x.ravel(), minlength=10)[:10] + np.bincount(y.ravel(), minlength=10)[:10]
    order = sorted((c for c in range(10) if counts[c]), key=lambda c: (-counts[c], c))
    return order[:limit]
