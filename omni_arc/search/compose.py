"""The per-task search job (runs inside a :class:`~omni_arc.search.executor.TrustedPool` worker).

For one task it tries, in the order of a cheap prior and within a CPU-time budget:

1. every library program on the train inputs, followed by each structural output step
   (:func:`~omni_arc.search.operators.structural_posts`): plain library transfer is the
   identity step;
2. rules learned from the train pairs on the input itself (each cell's colour looked up by a
   generic key: its colour, neighbours, rays, row and column colours, component size; an object
   cut out by a generic choice; equal parts of the input overlaid cell by cell; a mosaic of
   transformed copies of the input), then grid→grid
   DSL primitives, alone and in depth-2 compositions (``p2(p1(grid))``; when the shapes change,
   a primitive followed by a cell rule too);
3. every library program after an input-side step (7 dihedral transforms, crop to content),
   again followed by each output step — the output's inverse transform is one of them, so
   conjugation ``d⁻¹ ∘ program ∘ d`` is covered.

Each base program runs once per train input (early exit: it stops at the first train pair on
which no output step can still be right); each guarded call carries the CPU-time limit. Only
train pairs and test *inputs* are passed in: the search never sees test outputs.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from omni_arc.search.executor import Guard
from omni_arc.search.operators import (  # noqa: F401 - DIHEDRAL: used by the doctests
    DIHEDRAL, IDENTITY, Fixed, Mosaic, ObjectCrop, PartsRule, Post, Step, pre_steps, primitive_steps, rule_posts,
    structural_posts, task_colors, valid_grid,
)

PROGRAMS: dict[str, Callable] = {}  # library programs compiled in the worker (see load_programs)

# Complexity cost of a program's parts: lower cost is preferred among candidates.
COST_PRE = 1.0
COST_DEPTH1 = 0.5
COST_ADAPTED = 0.25  # a library program with output steps: less likely than the same steps alone


def load_programs(sources: dict[str, str]) -> None:
    """Worker initializer: compile every library ``task`` source once per worker."""
    import warnings

    from omni_arc.program import compile_task

    np.seterr(all="ignore")  # programs' numpy warnings are noise here
    warnings.filterwarnings("ignore")
    PROGRAMS.clear()
    for pid, src in sources.items():
        PROGRAMS[pid] = compile_task(src)


def post_cost(step: Step) -> float:
    """Cost of an output step: 0 for none, 1 per program line it adds, plus its own (a learned table's).

    >>> post_cost(IDENTITY), post_cost(DIHEDRAL[1])
    (0.0, 1.0)
    """
    return float(len(step.exprs)) + step.cost


def fit(outputs: Iterable[Any], targets: Sequence[np.ndarray], posts: Sequence[Post]) -> list[tuple[Post, Any]]:
    """The output steps (with fitted state) that map each base output onto its target; stops at
    the first train pair that rules out every step (early exit)."""
    alive = [(p, p.start()) for p in posts]
    for out, target in zip(outputs, targets):
        out = valid_grid(out)
        if out is None:
            return []
        nxt = []
        for p, s in alive:
            try:
                s2 = p.feed(s, out, target)
            except Exception:  # noqa: BLE001 - an output step that cannot apply is simply not right
                s2 = None
            if s2 is not None:
                nxt.append((p, s2))
        alive = nxt
        if not alive:
            return []
    return alive


def finish(alive: list[tuple[Post, Any]], test_base: Sequence[Any]) -> list[tuple[Step, list]]:
    """Concrete output steps and their test outputs (steps failing on a test input are dropped)."""
    found = []
    for p, s in alive:
        step = p.finish(s)
        if step is None:
            continue
        outs = []
        for b in test_base:
            try:
                o = valid_grid(step.fn(b)) if b is not None else None
            except Exception:  # noqa: BLE001
                o = None
            if o is None:
                break
            outs.append(o.tolist())
        else:
            found.append((step, outs))
    return found


def _probe(base: Callable, xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], ts: Sequence[np.ndarray],
           posts: Sequence[Post]) -> list[tuple[Step, list]]:
    """Run ``base`` on the train inputs with early exit, fit the output steps, then the test inputs."""
    alive = fit((base(x.copy()) for x in xs), ys, posts)  # a copy each: a program may write into its input
    if not alive:
        return []
    test_base = [valid_grid(base(t.copy())) for t in ts]
    return finish(alive, test_base)


def _probe_outputs(train_outs: Sequence[np.ndarray], test_outs: Sequence[np.ndarray], ys: Sequence[np.ndarray],
                   posts: Sequence[Post]) -> list[tuple[Step, list]]:
    alive = fit(train_outs, ys, posts)
    return finish(alive, test_outs) if alive else []


def _apply_all(step: Step, grids: Sequence[np.ndarray]) -> list[np.ndarray | None]:
    out = []
    for g in grids:
        try:
            out.append(valid_grid(step.fn(g)))
        except Exception:  # noqa: BLE001
            out.append(None)
    return out


def _key(grids: Sequence[np.ndarray | None]) -> tuple:
    return tuple(None if g is None else (g.shape, g.tobytes()) for g in grids)


def search_task(guard: Guard, job: dict[str, Any]) -> dict[str, Any]:
    """Search one task; returns the found programs grouped by their test outputs (cheapest first)
    and counters. ``job`` holds ``train`` (input, output) pairs, ``tests`` (inputs only),
    ``order`` (library program ids, by prior; ``tiers`` how many lead), ``budget_s`` (CPU
    seconds), ``library_only``, ``max_groups``."""
    start = time.process_time()
    deadline = start + job["budget_s"]
    xs = [np.asarray(x) for x, _ in job["train"]]
    ys = [np.asarray(y) for _, y in job["train"]]
    ts = [np.asarray(t) for t in job["tests"]]
    order = [pid for pid in job["order"] if pid in PROGRAMS]
    found: list[dict[str, Any]] = []
    stats = {"probes": 0, "timeouts": 0, "errors": 0, "exhausted": False}

    def over() -> bool:
        if time.process_time() > deadline:
            stats["exhausted"] = True
            return True
        return False

    def record(kind: str, base: str, pre: Step, results, cost: float, p1: Step | None = None) -> None:
        for step, outs in results:
            defs = [d for s in (pre, p1 or IDENTITY, step) for d in s.defs]
            found.append({"kind": kind, "base": base, "pre": list(pre.exprs), "p1": list(p1.exprs) if p1 else [],
                          "post": list(step.exprs), "defs": list(dict.fromkeys(defs)),
                          "name": _name(kind, base, pre, p1, step),
                          "cost": cost + post_cost(step) + (COST_ADAPTED if kind == "library" and step.exprs else 0.0),
                          "test_outputs": outs})

    slow: set[str] = set()  # programs over the time limit on this task: not retried after an input step

    def library_probe(pid: str, pre: Step, pxs, pts, posts) -> None:
        if pid in slow:
            return
        stats["probes"] += 1
        oc = guard.call(f"{pid} pre={pre.name}", _probe, PROGRAMS[pid], pxs, ys, pts, posts, key=pid)
        if oc.ok:
            record("library", pid, pre, oc.value, COST_PRE if pre.exprs else 0.0)
        elif oc.status == "timeout":
            slow.add(pid)
        else:
            stats["errors"] += 1

    # 1. library programs, plain and followed by output steps
    posts = [Fixed(IDENTITY)] if job["library_only"] else structural_posts()
    for pid in order:
        if over():
            break
        library_probe(pid, IDENTITY, xs, ts, posts)

    if not job["library_only"]:
        # 2. the output steps on the input itself, then DSL primitives: depth 1 and 2 (outputs
        #    de-duplicated over the train and test inputs)
        stats["probes"] += 1
        oc = guard.call("input then *", _probe_outputs, xs, ts, ys, posts)
        if oc.ok:
            record("primitive", "input", IDENTITY, oc.value, 0.0, IDENTITY)
        rules = rule_posts()
        for rule in rules + [ObjectCrop(), PartsRule(), Mosaic()]:  # learned from the train pairs, on the input
            if over():
                break
            stats["probes"] += 1
            oc = guard.call(f"input then {rule.name}", _probe_outputs, xs, ts, ys, [rule])
            if oc.ok:
                record("primitive", "input", IDENTITY, oc.value, 0.0, IDENTITY)
        prims = primitive_steps(task_colors(job["train"]))
        seen = {_key(xs + ts)}
        firsts: list[tuple[Step, list, list]] = []
        for p1 in prims:
            if over():
                break
            stats["probes"] += 1
            oc = guard.call(f"primitive {p1.name}", _apply_all, p1, xs + ts)
            if not oc.ok or any(o is None for o in oc.value[: len(xs)]):
                continue
            k = _key(oc.value)
            if k in seen:
                continue
            seen.add(k)
            firsts.append((p1, oc.value[: len(xs)], oc.value[len(xs):]))
        second = structural_posts() + [Fixed(p2) for p2 in prims]
        if any(x.shape != y.shape for x, y in zip(xs, ys)):
            second += rules  # e.g. scale or tile, then recolour cell by cell
        for p1, tr, te in firsts:
            if over():
                break
            stats["probes"] += 1
            oc = guard.call(f"primitive {p1.name} then *", _probe_outputs, tr, te, ys, second)
            if oc.ok:
                record("primitive", p1.name, IDENTITY, oc.value, COST_DEPTH1, p1)

        # 3. library programs after an input-side step (conjugation with the output steps)
        pres = []
        seen_inputs = {_key(xs)}
        for pre in pre_steps():
            oc = guard.call(f"pre {pre.name}", _apply_all, pre, xs + ts)
            if not oc.ok or any(o is None for o in oc.value):
                continue
            k = _key(oc.value[: len(xs)])
            if k in seen_inputs:
                continue
            seen_inputs.add(k)
            pres.append((pre, oc.value[: len(xs)], oc.value[len(xs):]))
        lead = order[: job.get("tiers", len(order))]
        rest = order[len(lead):]
        for group in (lead, rest):
            for pre, pxs, pts in pres:
                for pid in group:
                    if over():
                        break
                    library_probe(pid, pre, pxs, pts, posts)
    stats["timeouts"] = guard.timeouts
    stats["cpu_s"] = round(time.process_time() - start, 3)
    return {"groups": _groups(found, job["max_groups"]), "found": len(found), **stats}


def _name(kind: str, base: str, pre: Step, p1: Step | None, post: Step) -> str:
    parts = [e.format("x") for e in pre.exprs]
    parts += [f"library[{base}](x)"] if kind == "library" else [e.format("x") for e in p1.exprs]
    parts += [post.name] if post.defs else [e.format("x") for e in post.exprs]  # a rule's table is long
    return " -> ".join(parts)


def _groups(found: list[dict[str, Any]], max_groups: int) -> list[dict[str, Any]]:
    """Found programs grouped by identical test outputs; per group the cheapest program and the
    number of programs agreeing; groups ordered by cost, then support, then discovery order."""
    groups: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(found):
        k = repr(f["test_outputs"])
        g = groups.get(k)
        if g is None:
            groups[k] = {**f, "support": 1, "first": i}
        else:
            g["support"] += 1
            if f["cost"] < g["cost"]:
                groups[k] = {**f, "support": g["support"], "first": g["first"]}
    ranked = sorted(groups.values(), key=lambda g: (g["cost"], -g["support"], g["first"]))
    return ranked[:max_groups]
