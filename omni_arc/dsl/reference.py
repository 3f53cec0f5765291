"""The DSL reference: every public primitive with its signature and docstring, grouped by theme."""
from __future__ import annotations

import inspect
from dataclasses import dataclass

THEMES = {
    "core": "Types",
    "geometry": "Geometry",
    "color": "Colour",
    "grids": "Grids: crop, split, tile, scale",
    "objects": "Objects",
    "drawing": "Drawing",
    "symmetry": "Symmetry",
    "patterns": "Repeating patterns",
    "paths": "Paths: walk until blocked, turning by a rule",
    "regions": "Regions: holes, enclosed areas, masks",
    "select": "Selecting and sorting objects",
}


@dataclass(frozen=True)
class Entry:
    name: str
    theme: str
    signature: str
    summary: str  # the first paragraph of the docstring, on one line
    example: str  # the doctest lines (``>>>`` and expected output)


def _parts(doc: str) -> tuple[str, str]:
    lines = inspect.cleandoc(doc or "").splitlines()
    summary, example = [], []
    for i, line in enumerate(lines):
        if line.strip().startswith(">>>"):
            example = [ln for ln in lines[i:] if ln.strip()]
            break
        if not line.strip() and summary:
            summary.append("")
        elif line.strip():
            summary.append(line.strip())
    first = " ".join(summary).split("  ")[0] if summary else ""
    return " ".join(s for s in summary[: summary.index("")] if s) if "" in summary else first, "\n".join(example)


def _annotation(a) -> str:
    if isinstance(a, str):
        return a
    if hasattr(a, "__forward_arg__"):
        return a.__forward_arg__
    return getattr(a, "__name__", None) or repr(a)


def _signature(name: str, obj) -> str:
    """``name(param: type = default, ...) -> type`` with annotations as written in the source."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return name
    params, star_done = [], False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not star_done:
            params.append("*")
            star_done = True
        if p.kind is p.VAR_POSITIONAL:
            star_done = True
        text = ("*" if p.kind is p.VAR_POSITIONAL else "**" if p.kind is p.VAR_KEYWORD else "") + p.name
        if p.annotation is not p.empty:
            text += f": {_annotation(p.annotation)}"
        if p.default is not p.empty:
            text += f" = {p.default!r}" if p.annotation is not p.empty else f"={p.default!r}"
        params.append(text)
    out = f"{name}({', '.join(params)})"
    if sig.return_annotation is not sig.empty and not inspect.isclass(obj):
        out += f" -> {_annotation(sig.return_annotation)}"
    return out


def _members(cls) -> str:
    """`` Attributes: a, b. Methods: m(), n().`` for the public members of ``cls``."""
    skip = {"count", "index"}  # tuple methods of NamedTuples
    attrs, methods = list(getattr(cls, "__annotations__", {})), []
    for n, v in vars(cls).items():
        if n.startswith("_") or n in skip or n in attrs:
            continue
        if isinstance(v, property):
            attrs.append(n)
        elif inspect.isfunction(v):
            methods.append(_signature(n, v).split(" -> ")[0].replace("(self, ", "(").replace("(self)", "()"))
    text = f" Attributes: {', '.join(dict.fromkeys(attrs))}." if attrs else ""
    return text + (f" Methods: {', '.join(methods)}." if methods else "")


def entries() -> list[Entry]:
    """The primitives of ``omni_arc.dsl.__all__`` in theme order (functions, classes and constants)."""
    import omni_arc.dsl as dsl

    out = []
    for name in dsl.__all__:
        obj = getattr(dsl, name)
        module = getattr(obj, "__module__", "") or ""
        theme = module.rsplit(".", 1)[-1] if module.startswith("omni_arc.dsl.") else "core"
        if name in ("DIRECTIONS",):
            theme = "drawing"
        if name in ("SYMMETRIES",):
            theme = "symmetry"
        if name in ("TRANSFORMS",):
            theme = "geometry"
        if name in ("Grid", "Mask"):
            sig, example = name, ""
            summary = "a 2-D numpy integer array" if name == "Grid" else "a 2-D numpy boolean array"
        elif inspect.isfunction(obj) or inspect.isclass(obj):
            sig = _signature(name, obj)
            summary, example = _parts(obj.__doc__)
            if inspect.isclass(obj):
                summary += _members(obj)
        else:
            sig, summary, example = f"{name} = {obj!r}", "", ""
        if inspect.isclass(obj) and name not in ("Grid", "Mask"):
            sig = f"class {sig}"
        out.append(Entry(name, theme, sig, summary, example))
    order = list(THEMES)
    return sorted(out, key=lambda e: order.index(e.theme) if e.theme in order else len(order))


def conventions() -> str:
    """The conventions of the DSL (argument order, names of directions and transforms, connectivity, errors), from the package docstring.

    >>> conventions().startswith("Conventions")
    True
    """
    import omni_arc.dsl as dsl

    doc = inspect.cleandoc(dsl.__doc__ or "")
    return doc[doc.index("Conventions"):].strip() + "\n"


def reference_markdown() -> str:
    """The reference as Markdown: one section per theme, one bullet per primitive.

    >>> "`rotate(" in reference_markdown()
    True
    """
    es = entries()
    lines = ["# omni-arc DSL reference", "",
             f"{len(es)} names, available to every program via `from omni_arc.dsl import *` "
             "(plus `import numpy as np`). Grids are 2-D numpy integer arrays; primitives never "
             "mutate their inputs.", "", conventions()]
    theme = None
    for e in es:
        if e.theme != theme:
            theme = e.theme
            lines += ["", f"## {THEMES.get(theme, theme)}", ""]
        lines.append(f"- `{e.signature}` — {e.summary}" if e.summary else f"- `{e.signature}`")
        if e.example:
            lines.append("  ```python")
            lines += [f"  {ln}" for ln in e.example.splitlines()]
            lines.append("  ```")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def reference_text() -> str:
    """A compact plain-text reference (one line per primitive), e.g. for prompts.

    >>> reference_text().splitlines()[0].startswith("#")
    True
    """
    out, theme = ["# " + line if line else "#" for line in conventions().splitlines()], None
    for e in entries():
        if e.theme != theme:
            theme = e.theme
            out.append(f"# {THEMES.get(theme, theme)}")
        out.append(f"{e.signature}: {e.summary}" if e.summary else e.signature)
    return "\n".join(out) + "\n"
