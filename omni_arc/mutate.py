"""Mutations of a program's source at the AST level, and composition of two programs.

A program is the source of one ``def task(grid): ...`` (a library solution, a sampled candidate).
Every mutation is one small text edit located through the AST, so the mutant keeps the original
layout and comments and stays readable, standalone program text:

- ``swap_primitive``: a DSL call ``f(...)`` becomes ``g(...)`` where ``g`` is another DSL primitive
  whose parameters bound by that call and whose result have the same annotations (the DSL's own
  signatures, read with :func:`inspect.signature`; their string annotations keep ``Grid`` and
  ``Mask`` apart, which resolved type hints would merge into ``np.ndarray``);
- ``color``: an integer 0..9 in a colour position (a DSL colour parameter, a colour mapping, a
  comparison with a grid, a cell assignment, ``np.where``) becomes another colour;
- ``constant``: any other integer constant moves by one;
- ``drop``: one statement is deleted (never the last one of ``task``, never a nested ``def``);
- ``duplicate``: a statement that reads what it writes (``x = f(x)``, ``x += 1``, a loop, a
  method call) is repeated;
- ``swap_args``: two arguments of a DSL call bound to parameters of the same annotation trade places.

:func:`compose` writes ``task(grid) = second(first(grid))`` with both programs nested as helpers.
Everything is deterministic under the ``np.random.Generator`` it is given.

>>> m = mutate("def task(grid):\\n    return rotate(grid, 1)", np.random.default_rng(0), kinds=["constant"])
>>> m.kind, m.code
('constant', 'def task(grid):\\n    return rotate(grid, 2)')
"""
from __future__ import annotations

import ast
import inspect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

import numpy as np

KINDS = ("swap_primitive", "color", "constant", "drop", "duplicate", "swap_args")

# Parameter names under which an int of a DSL primitive is a colour.
COLOR_PARAMS = frozenset({"color", "old", "new", "a", "b", "background", "fill", "transparent",
                          "unknown", "line_color", "stop_at", "colors"})


@dataclass(frozen=True)
class Mutant:
    """A mutated program: its source, the kind of mutation and what exactly was changed."""

    code: str
    kind: str
    description: str


@dataclass(frozen=True)
class _Site:
    kind: str
    apply: Callable[[np.random.Generator], tuple[str, str] | None]  # -> (code, description)


# ---------------------------------------------------------------- the DSL's signatures

@lru_cache(maxsize=1)
def primitive_signatures() -> dict[str, inspect.Signature]:
    """The signature of every public DSL function, by name.

    >>> str(primitive_signatures()["flip_top_bottom"])
    "(grid: 'Grid') -> 'Grid'"
    """
    import omni_arc.dsl as dsl

    out = {}
    for name in getattr(dsl, "__all__", dir(dsl)):
        fn = getattr(dsl, name, None)
        if inspect.isfunction(fn):
            out[name] = inspect.signature(fn)
    return out


def call_types(sig: inspect.Signature, n_positional: int, keywords: Sequence[str]) -> tuple | None:
    """The annotations of the parameters a call with ``n_positional`` arguments and these keyword
    names binds to (positional ones first, then the keywords in order), followed by the return
    annotation; ``None`` when such a call does not bind to ``sig``.

    >>> call_types(primitive_signatures()["shift"], 3, [])
    ('Grid', 'int', 'int', 'Grid')
    >>> call_types(primitive_signatures()["flip_top_bottom"], 2, []) is None
    True
    """
    params = list(sig.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    varargs = next((p for p in params if p.kind == p.VAR_POSITIONAL), None)
    if n_positional > len(positional) and varargs is None:
        return None
    types = [positional[i].annotation if i < len(positional) else varargs.annotation
             for i in range(n_positional)]
    bound = {p.name for p in positional[:n_positional]}
    for kw in keywords:
        p = sig.parameters.get(kw)
        if p is None or kw in bound or p.kind in (p.POSITIONAL_ONLY, p.VAR_POSITIONAL, p.VAR_KEYWORD):
            return None
        bound.add(kw)
        types.append(p.annotation)
    for p in params:
        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY,
                                                               p.POSITIONAL_ONLY) and p.name not in bound:
            return None
    return (*map(str, types), str(sig.return_annotation))


def _bound_names(sig: inspect.Signature, call: ast.Call) -> list[str]:
    """Parameter name of each argument of ``call`` (positional ones first, then keywords)."""
    params = [p for p in sig.parameters.values()]
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    varargs = next((p.name for p in params if p.kind == p.VAR_POSITIONAL), "*")
    names = [positional[i].name if i < len(positional) else varargs for i in range(len(call.args))]
    return names + [k.arg or "**" for k in call.keywords]


def same_typed(name: str, n_positional: int, keywords: Sequence[str]) -> list[str]:
    """DSL primitives that a call ``name(<n_positional args>, <keywords>=...)`` could call instead:
    same annotations for every bound parameter and for the result (sorted).

    >>> "flip_left_right" in same_typed("flip_top_bottom", 1, [])
    True
    >>> "dilate" in same_typed("flip_top_bottom", 1, [])  # Mask -> Mask, not Grid -> Grid
    False
    """
    sigs = primitive_signatures()
    if name not in sigs:
        return []
    want = call_types(sigs[name], n_positional, keywords)
    if want is None:
        return []
    return sorted(g for g, sig in sigs.items()
                  if g != name and call_types(sig, n_positional, keywords) == want)


# ---------------------------------------------------------------- text edits located by the AST

class _Text:
    """The source with (line, UTF-8 column) -> character offset conversion and edits."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode()[:col].decode("utf-8", "ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def segment(self, node: ast.AST) -> str:
        s, e = self.span(node)
        return self.source[s:e]

    def replace(self, edits: Iterable[tuple[ast.AST, str]]) -> str:
        out = self.source
        for (s, e), text in sorted(((self.span(n), t) for n, t in edits), reverse=True):
            out = out[:s] + text + out[e:]
        return out

    def whole_lines(self, stmt: ast.stmt) -> tuple[int, int] | None:
        """Character range of the full lines of ``stmt`` when it is alone on them."""
        s, e = self.span(stmt)
        first = self.starts[stmt.lineno - 1]
        last_end = self.starts[stmt.end_lineno]
        before = self.source[first:s]
        after = self.source[e:last_end]
        if before.strip() or (after.strip() and not after.strip().startswith("#")):
            return None
        return first, last_end


def _defined_names(tree: ast.AST) -> set[str]:
    """Names the program binds itself (these shadow DSL primitives of the same name)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _dsl_calls(tree: ast.AST) -> list[tuple[ast.Call, inspect.Signature]]:
    sigs = primitive_signatures()
    shadowed = _defined_names(tree)
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in sigs
                and node.func.id not in shadowed
                and not any(isinstance(a, ast.Starred) for a in node.args)
                and all(k.arg is not None for k in node.keywords)):
            out.append((node, sigs[node.func.id]))
    return out


def _is_int(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _color_constants(tree: ast.AST) -> set[int]:
    """``id()`` of the int constants 0..9 that stand in a colour position."""
    found: set[int] = set()

    def add(node: ast.AST) -> None:
        if _is_int(node) and 0 <= node.value <= 9:
            found.add(id(node))
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for elt in node.elts:
                add(elt)

    for call, sig in _dsl_calls(tree):
        for name, arg in zip(_bound_names(sig, call), [*call.args, *(k.value for k in call.keywords)]):
            if name in COLOR_PARAMS:
                add(arg)
            elif name == "mapping" and isinstance(arg, ast.Dict):
                for k in arg.keys:
                    if k is not None:
                        add(k)
                for v in arg.values:
                    add(v)
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if not all(_is_int(o) for o in operands):
                for o in operands:
                    add(o)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) for t in node.targets):
            add(node.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("where", "full", "full_like") and len(node.args) >= 2):
            for a in node.args[1:]:
                add(a)
    return found


def _bodies(tree: ast.AST) -> Iterable[tuple[list[ast.stmt], ast.AST]]:
    for node in ast.walk(tree):
        for attr in ("body", "orelse", "finalbody"):
            body = getattr(node, attr, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body, node


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _reads_what_it_writes(stmt: ast.stmt) -> bool:
    if isinstance(stmt, (ast.AugAssign, ast.For, ast.While)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute):
        return True
    if isinstance(stmt, ast.Assign):
        written = set()
        for t in stmt.targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name):
                    written.add(n.id)
        read = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
        return bool(written & read)
    return False


# ---------------------------------------------------------------- sites of each kind

def _sites(source: str) -> list[_Site]:
    tree = ast.parse(source)
    text = _Text(source)
    sites: list[_Site] = []
    task_fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "task"), None)

    for call, sig in _dsl_calls(tree):
        name = call.func.id
        kws = [k.arg for k in call.keywords]
        others = same_typed(name, len(call.args), kws)
        if others:
            def swap(rng, call=call, name=name, others=others):
                g = others[int(rng.integers(len(others)))]
                return text.replace([(call.func, g)]), f"line {call.lineno}: {name} -> {g}"
            sites.append(_Site("swap_primitive", swap))
        bound = _bound_names(sig, call)
        values = [*call.args, *(k.value for k in call.keywords)]
        types = call_types(sig, len(call.args), kws) or ()
        for i in range(len(values)):
            for j in range(i + 1, len(values)):
                if (i < len(types) - 1 and j < len(types) - 1 and types[i] == types[j]
                        and text.segment(values[i]) != text.segment(values[j])):
                    def swap_args(rng, call=call, i=i, j=j, a=values[i], b=values[j], bound=bound):
                        code = text.replace([(a, text.segment(b)), (b, text.segment(a))])
                        return code, f"line {call.lineno}: {call.func.id} arguments {bound[i]} <-> {bound[j]}"
                    sites.append(_Site("swap_args", swap_args))

    colors = _color_constants(tree)
    for node in ast.walk(tree):
        if not _is_int(node):
            continue
        v = node.value
        if id(node) in colors:
            def recolor(rng, node=node, v=v):
                new = int(rng.choice([c for c in range(10) if c != v]))
                return text.replace([(node, str(new))]), f"line {node.lineno}: colour {v} -> {new}"
            sites.append(_Site("color", recolor))
        else:
            def bump(rng, node=node, v=v):
                new = v + 1 if v == 0 else v + int(rng.choice([-1, 1]))
                return text.replace([(node, str(new))]), f"line {node.lineno}: constant {v} -> {new}"
            sites.append(_Site("constant", bump))

    for body, owner in _bodies(tree):
        for k, stmt in enumerate(body):
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or _is_docstring(stmt):
                continue
            rng_lines = text.whole_lines(stmt)
            if rng_lines is None:
                continue
            s, e = rng_lines
            last_of_task = owner is task_fn and k == len(body) - 1
            real = [b for b in body if not _is_docstring(b)]
            if len(real) >= 2 and not last_of_task and not _binds_fresh_name(stmt, tree):
                def drop(rng, s=s, e=e, stmt=stmt):
                    return source[:s] + source[e:], f"line {stmt.lineno}: dropped `{_first_line(text, stmt)}`"
                sites.append(_Site("drop", drop))
            if _reads_what_it_writes(stmt):
                def duplicate(rng, s=s, e=e, stmt=stmt):
                    block = source[s:e]
                    code = source[:e] + ("" if block.endswith("\n") else "\n") + block + source[e:]
                    return code, f"line {stmt.lineno}: duplicated `{_first_line(text, stmt)}`"
                sites.append(_Site("duplicate", duplicate))
    return sites


def _binds_fresh_name(stmt: ast.stmt, tree: ast.AST) -> bool:
    """Whether an assignment binds a name that nothing before it binds (dropping it would only
    raise ``NameError`` later)."""
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return False
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    earlier = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", stmt.lineno) < stmt.lineno:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                earlier.add(node.id)
            elif isinstance(node, ast.arg):
                earlier.add(node.arg)
    return bool(names - earlier)


def _first_line(text: _Text, stmt: ast.stmt) -> str:
    line = text.segment(stmt).splitlines()[0].strip()
    return line if len(line) <= 60 else line[:57] + "..."


# ---------------------------------------------------------------- public API

def mutation_kinds(source: str) -> dict[str, int]:
    """How many sites of each kind ``source`` offers.

    >>> mutation_kinds("def task(grid):\\n    g = flip_top_bottom(grid)\\n    g = g.T\\n    return g")
    {'swap_primitive': 1, 'drop': 1, 'duplicate': 1}
    """
    counts: dict[str, int] = {}
    for site in _sites(source):
        counts[site.kind] = counts.get(site.kind, 0) + 1
    return counts


def mutate(source: str, rng: np.random.Generator, kinds: Sequence[str] = KINDS,
           attempts: int = 8) -> Mutant | None:
    """One random mutation of ``source`` (a kind first, uniformly among the ``kinds`` it offers,
    then a site of that kind), or ``None`` when it offers none or every try leaves the code
    unchanged or unparseable. Same ``rng`` state, same mutant.

    >>> src = "def task(grid):\\n    return replace_color(grid, 1, 2)"
    >>> a = mutate(src, np.random.default_rng(3)); b = mutate(src, np.random.default_rng(3))
    >>> a == b and a.code != src
    True
    >>> mutate("def task(grid):\\n    return grid", np.random.default_rng(0)) is None
    True
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown mutation kind(s): {', '.join(sorted(unknown))}")
    try:
        sites = [s for s in _sites(source) if s.kind in kinds]
    except SyntaxError:
        return None
    by_kind: dict[str, list[_Site]] = {}
    for s in sites:
        by_kind.setdefault(s.kind, []).append(s)
    if not by_kind:
        return None
    offered = [k for k in KINDS if k in by_kind]
    for _ in range(attempts):
        kind = offered[int(rng.integers(len(offered)))]
        site = by_kind[kind][int(rng.integers(len(by_kind[kind])))]
        made = site.apply(rng)
        if made is None:
            continue
        code, description = made
        if code == source:
            continue
        try:
            ast.parse(code)
        except SyntaxError:
            continue
        return Mutant(code, kind, description)
    return None


_DEF_TASK = re.compile(r"^def task\(")


def compose(first: str, second: str, names: tuple[str, str] = ("first_step", "second_step")) -> str | None:
    """Source of ``task(grid)`` returning ``second(first(grid))``, both programs nested inside it
    as helpers (renamed ``names``); ``None`` when either is not a plain ``def task(...)`` or calls
    ``task`` itself.

    >>> print(compose("def task(grid):\\n    return grid.T", "def task(grid):\\n    return grid[::-1]"))
    def task(grid):
        def first_step(grid):
            return grid.T
    <BLANKLINE>
        def second_step(grid):
            return grid[::-1]
    <BLANKLINE>
        return second_step(first_step(grid))
    """
    parts = []
    for src, name in zip((first, second), names):
        src = src.strip("\n")
        try:
            tree = ast.parse(src)
        except SyntaxError:
            return None
        if (len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef)
                or not _DEF_TASK.match(src)
                or any(isinstance(n, ast.Name) and n.id in ("task", *names) for n in ast.walk(tree))):
            return None
        parts.append(_DEF_TASK.sub(f"def {name}(", src, count=1))
    body = "\n\n".join(_indent(p) for p in parts)
    code = f"def task(grid):\n{body}\n\n    return {names[1]}({names[0]}(grid))"
    try:
        ast.parse(code)
    except SyntaxError:
        return None
    return code


def _indent(src: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in src.splitlines())
