"""Synthetic tasks: programs whose own outputs define new ARC tasks (``omni data synth`` and
``omni data relabel``).

A *candidate* is a program with the inputs it is run on: a mutant (:mod:`omni_arc.mutate`) or a
composition of library programs on inputs drawn from the parent task's ``generate_input``, or a
sampled program of a run on its task's inputs (hindsight relabelling; the task's outputs are
never read). Its outputs become the task's truth when the candidate passes every filter:

- ``failed``: an input gave no valid grid (exception, timeout, invalid output);
- ``identity``: the output equals the input on every input;
- ``constant``: every input gave the same output;
- ``same_as_parent``: it equals a parent program's output on most inputs;
- ``duplicate``: the same code was tried already, or its outputs on the inputs shared by all
  candidates of its domain (the *fingerprint*) match a task already kept;
- ``nondeterministic``: the code reads a clock or entropy (see :func:`nondeterminism`), or a
  second run (inputs in reverse order, so no cache can answer and any state carried between
  inputs shows) gives other outputs.

Programs run through an injectable :data:`Runner` (``(code, inputs)`` jobs -> results with
``.outputs``), the sandbox's ``Executor.run_many`` by default. Output files have one JSON line per
task (``task_id``, ``parent``, ``parents``, ``kind``, ``mutation``, ``code``, ``train``, ``test``,
``fingerprint``, ``slot``) and are appended to, so an interrupted run resumes.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from omni_arc.data import Pair, Task, grid_problem, parse_task
from omni_arc.errors import UserError
from omni_arc.io import append_jsonl, atomic_write_json, iter_jsonl

Job = tuple[str, list[np.ndarray]]
Runner = Callable[[list[Job]], list[Any]]  # -> objects with .outputs: list[np.ndarray | None]
REASONS = ("no_mutation", "generator_failed", "failed", "identity", "constant", "same_as_parent",
           "duplicate", "nondeterministic")


# ---------------------------------------------------------------- pure judgements

def _valid(grid: Any) -> bool:
    return isinstance(grid, np.ndarray) and grid.ndim == 2 and grid_problem(grid) is None


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return a is not None and b is not None and a.shape == b.shape and np.array_equal(a, b)


def reject_reason(inputs: Sequence[np.ndarray], outputs: Sequence[np.ndarray | None],
                  references: Sequence[Sequence[np.ndarray | None]] = (), required: int | None = None) -> str | None:
    """Why these outputs do not make a task (``failed``, ``identity``, ``constant``,
    ``same_as_parent``), or ``None``. The first ``required`` inputs (all by default) must give
    valid grids; the judgement looks at the inputs that did.

    >>> a, b = np.array([[1, 2]]), np.array([[3, 4]])
    >>> reject_reason([a, b], [a, b])
    'identity'
    >>> reject_reason([a, b], [b, b])
    'constant'
    >>> reject_reason([a, b], [b, None])
    'failed'
    >>> reject_reason([a, b], [b, a], references=[[b, a]])
    'same_as_parent'
    >>> reject_reason([a, b], [b, a], references=[[b, b]]) is None  # equal on half: not most
    True
    """
    required = len(inputs) if required is None else required
    if any(not _valid(outputs[i]) for i in range(required)):
        return "failed"
    ok = [i for i in range(len(inputs)) if _valid(outputs[i])]
    if all(_same(inputs[i], outputs[i]) for i in ok):
        return "identity"
    if len(ok) > 1 and all(_same(outputs[ok[0]], outputs[i]) for i in ok[1:]):
        return "constant"
    for ref in references:
        if 2 * sum(_same(outputs[i], ref[i]) for i in ok if i < len(ref)) > len(ok):
            return "same_as_parent"
    return None


NONDETERMINISTIC_MODULES = frozenset({"random", "time", "datetime", "uuid", "secrets", "os"})
NONDETERMINISTIC_CALLS = frozenset({"id", "hash"})


def nondeterminism(code: str) -> str | None:
    """What in ``code`` can make its outputs vary between runs (an import of a clock or entropy
    module, ``np.random``, ``id()``, ``hash()``), or ``None``. Some of these look deterministic
    inside the sandbox (each run forks the same process image), so they are refused by reading.

    >>> nondeterminism("def task(grid):\\n    return grid * 0 + id([]) % 7")
    'calls id()'
    >>> nondeterminism("import random\\ndef task(grid):\\n    return grid")
    'imports random'
    >>> nondeterminism("def task(grid):\\n    return np.fliplr(grid)") is None
    True
    """
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in NONDETERMINISTIC_MODULES:
                    return f"imports {name.split('.')[0]}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in NONDETERMINISTIC_CALLS:
            return f"calls {node.func.id}()"
        elif isinstance(node, ast.Attribute) and node.attr == "random" and isinstance(node.value, ast.Name) \
                and node.value.id in ("np", "numpy"):
            return "uses np.random"
    return None


def fingerprint(outputs: Iterable[np.ndarray | None]) -> str:
    """A digest of a sequence of output grids (``None`` counts as a failure of its own).

    >>> fingerprint([np.array([[1]])]) == fingerprint([np.array([[1]], dtype=np.int64)])
    True
    >>> fingerprint([np.array([[1]])]) == fingerprint([np.array([[1, 1]])])
    False
    """
    h = hashlib.blake2b(digest_size=16)
    for out in outputs:
        if out is None:
            h.update(b"none;")
        else:
            h.update(f"{out.shape[0]}x{out.shape[1]}:".encode())
            h.update(np.ascontiguousarray(out, dtype=np.int8).tobytes())
    return h.hexdigest()


# ---------------------------------------------------------------- candidates and the filter

@dataclass
class Candidate:
    """A program and the inputs that will define its task."""

    slot: int
    prefix: str  # "synth" or "relabel"
    parent: str
    parents: tuple[str, ...]
    kind: str
    mutation: str
    code: str
    inputs: list[np.ndarray]
    n_train: int  # the first n_train inputs are the task's train inputs, the rest its tests
    domain: str  # candidates of one domain share their first n_shared inputs
    n_shared: int
    parent_codes: list[str] = field(default_factory=list)  # programs it must not merely copy
    required: int | None = None  # inputs that must give a grid (None: all)


@dataclass
class Stats:
    """Counts of one synth/relabel command (this run plus earlier runs into the same file)."""

    tried: int = 0
    kept: int = 0
    rejected: Counter = field(default_factory=Counter)
    programs_run: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tried": self.tried, "kept": self.kept,
            "yield": round(self.kept / self.tried, 4) if self.tried else None,
            "rejected": {r: self.rejected.get(r, 0) for r in REASONS if self.rejected.get(r)},
            "programs_run": self.programs_run, "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
            "programs_per_s": round(self.programs_run / self.seconds, 2) if self.seconds else None,
            "kept_per_cpu_minute": round(60 * self.kept / self.cpu_seconds, 2) if self.cpu_seconds else None,
        }


def _outputs(result: Any, n: int) -> list[np.ndarray | None]:
    outs = list(getattr(result, "outputs", None) or [])
    outs += [None] * (n - len(outs))
    return [np.asarray(o) if o is not None else None for o in outs[:n]]


def code_digest(code: str) -> str:
    """A digest of the program's normalised text (layout and comments ignored)."""
    from omni_arc.program import normalized

    return hashlib.blake2b(normalized(code).encode(), digest_size=16).hexdigest()


class Filter:
    """Runs candidates and keeps those that make a task; remembers what it kept (for dedupe)."""

    def __init__(self, run: Runner, stats: Stats | None = None):
        self.run = run
        self.stats = stats or Stats()
        self.kept: dict[tuple[str, str], int] = {}  # (domain, fingerprint) -> slot
        self.codes: dict[tuple[str, str], int] = {}  # (domain, code digest) -> slot
        self.rejections: list[tuple[int, str]] = []  # (slot, reason) since the driver last looked

    def remember(self, row: dict[str, Any]) -> None:
        """Count a row written earlier (resume) as kept for deduplication."""
        self.kept[(row.get("domain", row["parent"]), row["fingerprint"])] = row.get("slot", -1)
        self.codes[(row.get("domain", row["parent"]), code_digest(row["code"]))] = row.get("slot", -1)

    def reject(self, slot: int, reason: str) -> None:
        self.rejections.append((slot, reason))

    def process(self, candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
        """The rows of the candidates that pass every filter, in slot order."""
        fresh = []
        for c in candidates:
            key = (c.domain, code_digest(c.code))
            if key not in self.codes:
                self.codes[key] = c.slot
                if nondeterminism(c.code):
                    self.reject(c.slot, "nondeterministic")
                else:
                    fresh.append(c)
            elif self.codes[key] != c.slot:  # (the same slot: written before an interruption)
                self.reject(c.slot, "duplicate")
        jobs = [(c.code, c.inputs) for c in fresh]
        jobs += [(p, c.inputs) for c in fresh for p in c.parent_codes]  # parents run sandboxed too
        results = self.run(jobs)
        self.stats.programs_run += len(jobs)
        refs = iter(results[len(fresh):])
        survivors = []
        batch: dict[tuple[str, str], int] = {}  # fingerprints of this batch's survivors -> slot
        for c, res in zip(fresh, results):
            outs = _outputs(res, len(c.inputs))
            references = [_outputs(next(refs), len(c.inputs)) for _ in c.parent_codes]
            why = reject_reason(c.inputs, outs, references, c.required)
            if why is None:
                fp = fingerprint(outs[:c.n_shared])
                first = self.kept.get((c.domain, fp), batch.get((c.domain, fp), c.slot))
                if first != c.slot:
                    why = "duplicate"
                batch.setdefault((c.domain, fp), c.slot)
            if why is not None:
                self.reject(c.slot, why)
            else:
                survivors.append((c, outs, fp))
        again = self.run([(c.code, c.inputs[::-1]) for c, _, _ in survivors])
        self.stats.programs_run += len(survivors)
        rows = []
        for (c, outs, fp), res in zip(survivors, again):
            second = _outputs(res, len(c.inputs))[::-1]
            if not all(_same(a, b) or (a is None and b is None) for a, b in zip(outs, second)):
                self.reject(c.slot, "nondeterministic")
                continue
            if (c.domain, fp) in self.kept:  # the same slot, written before an interruption
                if self.kept[(c.domain, fp)] != c.slot:
                    self.reject(c.slot, "duplicate")
                continue
            self.kept[(c.domain, fp)] = c.slot
            rows.append(_row(c, outs, fp))
        return rows


def _row(c: Candidate, outs: list[np.ndarray | None], fp: str) -> dict[str, Any]:
    def pairs(idx: Iterable[int]) -> list[dict[str, Any]]:
        return [{"input": c.inputs[i].tolist(), "output": outs[i].tolist()} for i in idx if outs[i] is not None]

    return {
        "task_id": f"{c.prefix}-{c.parent}-{fp[:8]}", "parent": c.parent, "parents": list(c.parents),
        "kind": c.kind, "mutation": c.mutation, "code": c.code,
        "train": pairs(range(c.n_train)), "test": pairs(range(c.n_train, len(c.inputs))),
        "domain": c.domain, "fingerprint": fp, "slot": c.slot,
    }


# ---------------------------------------------------------------- files

def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a synthetic-task file (:func:`omni_arc.io.iter_jsonl`'s cut-line policy); a row
    without its fields is a :class:`UserError` naming the file and the line."""
    path = Path(path)
    if not path.exists():
        return []
    rows = []
    for n, row in iter_jsonl(path):
        for key, kind in (("task_id", str), ("parent", str), ("code", str), ("fingerprint", str)):
            if not isinstance(row, dict) or not isinstance(row.get(key), kind):
                raise UserError(f"{path}:{n}: field '{key}' missing or not a {kind.__name__} "
                                "(expected a line of `omni data synth` or `omni data relabel`)")
        rows.append(row)
    return rows


def append_rows(path: str | Path, rows: Sequence[dict[str, Any]]) -> None:
    """Append rows (one JSON line each) and flush them to disk; a cut last line is dropped first."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    append_jsonl(path, rows, fsync=True)


def stats_path(path: str | Path) -> Path:
    """``x.jsonl`` -> ``x.stats.json``.

    >>> stats_path("out/synth.jsonl").as_posix()
    'out/synth.stats.json'
    """
    path = Path(path)
    stem = path.name[:-len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(stem + ".stats.json")


def load_tasks(path: str | Path) -> dict[str, Task]:
    """A synthetic-task file as ARC tasks by id (its rows' ``train``/``test`` pairs)."""
    return {r["task_id"]: parse_task(r["task_id"], {"train": r.get("train"), "test": r.get("test")}, str(path))
            for r in read_rows(path)}


# ---------------------------------------------------------------- synthesis from the library

@dataclass(frozen=True)
class Parent:
    """A library program and where its inputs come from."""

    task_id: str
    source: str
    generate_input: Callable[[np.random.Generator], np.ndarray] | None
    own_inputs: tuple[np.ndarray, ...] = ()  # used when there is no generator


def library_parents(task_ids: Sequence[str] | None = None) -> list[Parent]:
    """The library's programs (ARC-AGI-1 training tasks) with their generators."""
    from omni_arc.data import load_dataset
    from omni_arc.library import load_library

    arc = load_dataset("arc-agi-1/training")
    out = []
    for tid, sol in sorted(load_library().items()):
        if task_ids is not None and tid not in task_ids:
            continue
        own = tuple(p.input for p in (*arc[tid].train, *arc[tid].test)) if tid in arc else ()
        if sol.generate_input is None and not own:
            continue
        out.append(Parent(tid, sol.source, sol.generate_input, own))
    return out


def _draw_inputs(parent: Parent, rng: np.random.Generator, n: int, avoid: Sequence[np.ndarray] = ()) -> list[np.ndarray]:
    if parent.generate_input is None:
        return []
    out: list[np.ndarray] = []
    for _ in range(3 * n):
        if len(out) == n:
            break
        try:
            g = np.asarray(parent.generate_input(rng))
        except Exception:  # noqa: BLE001 - library code: a failing draw costs one input
            continue
        if _valid(g) and not any(_same(g, x) for x in (*avoid, *out)):
            out.append(g.astype(np.int8))
    return out


class Synthesizer:
    """Plans candidates slot by slot; slot ``i`` draws everything from ``default_rng([seed, 0, i])``."""

    def __init__(self, parents: Sequence[Parent], seed: int = 0, p_compose: float = 0.2,
                 n_shared: int = 3, n_fresh: int = 3, n_test: int = 1):
        if not parents:
            raise UserError("synth: no library program to start from")
        self.parents = list(parents)
        self.by_id = {p.task_id: p for p in self.parents}
        self.seed, self.p_compose = seed, p_compose
        self.n_shared, self.n_fresh, self.n_test = n_shared, n_fresh, n_test
        self._shared: dict[str, list[np.ndarray]] = {}

    def shared_inputs(self, parent: Parent) -> list[np.ndarray]:
        """The inputs every candidate of ``parent``'s domain runs on (fingerprints compare these)."""
        if parent.task_id not in self._shared:
            if parent.generate_input is None:
                self._shared[parent.task_id] = list(parent.own_inputs)
            else:
                rng = np.random.default_rng([self.seed, 1, zlib.crc32(parent.task_id.encode())])
                self._shared[parent.task_id] = _draw_inputs(parent, rng, self.n_shared)
        return self._shared[parent.task_id]

    def plan(self, slot: int) -> Candidate | str:
        """The candidate of ``slot``, or the reason there is none (``no_mutation``, ``generator_failed``)."""
        from omni_arc.mutate import compose, mutate

        rng = np.random.default_rng([self.seed, 0, slot])
        parent = self.parents[int(rng.integers(len(self.parents)))]
        parents: tuple[Parent, ...] = (parent,)
        if len(self.parents) > 1 and rng.random() < self.p_compose:
            second = self.parents[int(rng.integers(len(self.parents) - 1))]
            if second.task_id == parent.task_id:
                second = self.parents[-1]
            code = compose(parent.source, second.source)
            if code is None:
                return "no_mutation"
            parents, kind = (parent, second), "compose"
            mutation = f"compose: {second.task_id}({parent.task_id}(grid))"
        else:
            m = mutate(parent.source, rng)
            if m is None:
                return "no_mutation"
            code, kind, mutation = m.code, m.kind, m.description
        shared = self.shared_inputs(parent)
        fresh = _draw_inputs(parent, np.random.default_rng([self.seed, 2, slot]), self.n_fresh, shared)
        if len(shared) + len(fresh) < 3:
            return "generator_failed"
        inputs = shared + fresh  # the shared ones first: the fingerprint is over them
        n_test = min(self.n_test, len(inputs) - 2)
        return Candidate(slot, "synth", parent.task_id, tuple(p.task_id for p in parents), kind, mutation,
                         code, inputs, len(inputs) - n_test, parent.task_id, len(shared),
                         [p.source for p in parents])


# ---------------------------------------------------------------- hindsight relabelling

RELABEL_STATUSES = ("verified", "wrong_output")  # the statuses of programs that ran on every train input


@dataclass(frozen=True)
class TaskInputs:
    """A task with its inputs only: relabelling never needs (and never reads) outputs."""

    task_id: str
    train: tuple[np.ndarray, ...]
    test: tuple[np.ndarray, ...]


def inputs_only(tasks: dict[str, Task]) -> dict[str, TaskInputs]:
    """Strip every output (train and test) from loaded tasks."""
    return {tid: TaskInputs(tid, tuple(p.input for p in t.train), tuple(p.input for p in t.test))
            for tid, t in tasks.items()}


def relabel_plan(rows: Sequence[dict[str, Any]], tasks: dict[str, TaskInputs], where: str = "results.jsonl"
                 ) -> Callable[[int], Candidate | str]:
    """Slot ``i`` -> the candidate of result row ``i`` (its program on its task's train and test
    inputs, in the row's augmentation frame), or ``failed`` for a row that did not give a grid on
    every train input."""
    from omni_arc.augment import Augmentation

    for n, row in enumerate(rows, 1):
        if row["task_id"] not in tasks:
            raise UserError(f"{where}:{n}: task {row['task_id']!r} is not in the dataset (pass --dataset)")

    def plan(slot: int) -> Candidate | str:
        row = rows[slot]
        if row.get("status") not in RELABEL_STATUSES or not isinstance(row.get("code"), str):
            return "failed"
        t = tasks[row["task_id"]]
        aug = Augmentation.from_json(row.get("augmentation"))
        inputs = [aug.apply(x) for x in (*t.train, *t.test)]
        domain = t.task_id if aug.is_identity else f"{t.task_id}|{json.dumps(aug.to_json(), sort_keys=True)}"
        what = f"{row['status']} program of {t.task_id}" + ("" if aug.is_identity else " (augmented frame)")
        return Candidate(slot, "relabel", t.task_id, (t.task_id,), "relabel", what, row["code"], inputs,
                         len(t.train), domain, len(inputs), [], required=len(t.train))

    return plan


# ---------------------------------------------------------------- the resumable driver

def previous_stats(out: str | Path, meta: dict[str, Any]) -> dict[str, Any]:
    """The stats of an earlier run into ``out`` ({} when fresh); :class:`UserError` when ``out`` is
    a folder or was written with other ``meta`` (seed, options, run)."""
    out = Path(out)
    if out.is_dir():
        raise UserError(f"--output-file {out}: is a folder; expected a .jsonl file")
    side = stats_path(out)
    if not (side.exists() and out.exists()):
        return {}
    try:
        prev = json.loads(side.read_text())
    except (json.JSONDecodeError, OSError):
        return {}
    for key, value in meta.items():
        if key in prev and prev[key] != value:
            raise UserError(f"{out}: written with {key}={prev[key]!r}, not {value!r}; "
                            "pass the same value to resume, or choose another --output-file")
    return prev if isinstance(prev, dict) else {}


def add_cpu_seconds(out: str | Path, stats: Stats, before: os.times_result) -> dict[str, Any]:
    """Add the CPU time since ``before`` of this process and its reaped children (the sandbox's
    workers: call it after their executor has closed) to ``out``'s stats file; return its contents."""
    now = os.times()
    stats.cpu_seconds += sum(getattr(now, k) - getattr(before, k)
                             for k in ("user", "system", "children_user", "children_system"))
    side = stats_path(out)
    obj = json.loads(side.read_text())
    obj.update({k: v for k, v in stats.to_json().items() if k in ("cpu_seconds", "kept_per_cpu_minute")})
    atomic_write_json(side, obj)
    return obj


def run_to_file(out: str | Path, plan: Callable[[int], Candidate | str], filt: Filter, *, n_slots: int,
                meta: dict[str, Any], n_keep: int | None = None, batch: int = 32, progress: bool = True,
                description: str = "synthesizing") -> Stats:
    """Plan and filter slots ``0..n_slots-1`` in batches (until ``n_keep`` tasks are in ``out``),
    appending kept rows to ``out``. After each batch ``out``'s ``.stats.json`` records the counts
    and the next slot, so a re-run with the same ``meta`` resumes; other ``meta`` is an error."""
    from tqdm import tqdm

    out = Path(out)
    prev = previous_stats(out, meta)
    side = stats_path(out)
    rows = read_rows(out)
    for row in rows:
        filt.remember(row)
    stats = filt.stats
    slot = int(prev.get("next_slot", 0)) if prev else 0
    if prev:
        stats.rejected.update(prev.get("rejected", {}))
        stats.programs_run = int(prev.get("programs_run", 0))
        stats.seconds = float(prev.get("seconds", 0.0))
        stats.cpu_seconds = float(prev.get("cpu_seconds", 0.0))
    kept = len(rows)
    target = n_keep if n_keep is not None else None
    bar = tqdm(total=target if target is not None else n_slots, initial=kept if target is not None else slot,
               desc=description, unit="task" if target is not None else "program", disable=not progress)
    started = time.monotonic()
    base_seconds = stats.seconds

    def save() -> None:
        stats.tried, stats.kept = slot, kept
        stats.seconds = base_seconds + time.monotonic() - started
        atomic_write_json(side, {**meta, **stats.to_json(), "next_slot": slot, "output_file": str(out)})

    while slot < n_slots and (target is None or kept < target):
        slots = range(slot, min(n_slots, slot + batch))
        cands = []
        for i in slots:
            c = plan(i)
            if isinstance(c, str):
                filt.reject(i, c)
            else:
                cands.append(c)
        new = filt.process(cands)
        if target is not None and kept + len(new) > target:
            new = new[:target - kept]
            next_slot = new[-1]["slot"] + 1 if new else slot
        else:
            next_slot = slots.stop
        append_rows(out, new)
        kept += len(new)
        stats.rejected.update(r for s_, r in filt.rejections if s_ < next_slot)
        filt.rejections.clear()
        bar.update(len(new) if target is not None else next_slot - slot)
        bar.set_postfix(tried=next_slot, kept=kept)
        slot = next_slot
        save()
    bar.close()
    save()
    return stats
