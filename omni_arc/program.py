"""How a program (the source of a ``task(grid)`` function) is turned into a callable.

Library solutions, training samples and sampled candidates all run in the same namespace:
numpy as ``np`` plus every public DSL primitive. The sandbox uses :data:`PRELUDE` too.
"""
from __future__ import annotations

import ast
from typing import Callable

import numpy as np

PRELUDE = "import numpy as np\nfrom omni_arc.dsl import *\n"


def namespace() -> dict:
    """A fresh globals dict with numpy and the DSL, as a program sees them."""
    ns: dict = {"__name__": "omni_program", "__builtins__": __builtins__}
    exec(PRELUDE, ns)
    return ns


def compile_task(code: str) -> Callable[[np.ndarray], np.ndarray]:
    """Execute ``code`` in a fresh namespace and return its ``task`` function (in-process, trusted code only)."""
    ns = namespace()
    exec(compile(code, "<program>", "exec"), ns)
    fn = ns.get("task")
    if not callable(fn):
        raise ValueError("the code defines no function named `task`")
    return fn


def function_source(module_source: str, name: str = "task") -> str | None:
    """The exact source text of top-level function ``name`` in ``module_source`` (decorators excluded).

    >>> function_source("x = 1\\ndef task(grid):\\n    return grid\\n")
    'def task(grid):\\n    return grid'
    """
    tree = ast.parse(module_source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(module_source, node)
    return None


def normalized(code: str) -> str:
    """A canonical form for de-duplication: the AST dump (comments, spacing and docstring-free layout ignored).

    >>> normalized("def task(g):\\n    return g  # same") == normalized("def task(g): return g")
    True
    """
    try:
        return ast.dump(ast.parse(code))
    except SyntaxError:
        return code.strip()
