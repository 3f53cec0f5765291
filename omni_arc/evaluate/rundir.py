"""Reading a run directory (results.jsonl, submission.json, run.json, candidates.jsonl) with
one-line errors that name the file, the line and the field."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omni_arc.errors import UserError
from omni_arc.io import JsonlError, iter_jsonl
from omni_arc.verify import STATUSES


class RunError(UserError, ValueError):
    """A run directory is missing a file or holds a malformed one."""


@dataclass
class Run:
    """Everything `omni evaluate` reads from one run directory."""

    path: Path
    results: list[dict[str, Any]]
    submission: dict[str, list[dict[str, Any]]]
    meta: dict[str, Any] = field(default_factory=dict)  # run.json, {} when absent
    n_candidates: int | None = None  # lines of candidates.jsonl, None when absent

    @property
    def name(self) -> str:
        return self.path.name or str(self.path)

    def task_ids(self) -> list[str]:
        """The run's tasks: those of submission.json and of results.jsonl."""
        return sorted(set(self.submission) | {r["task_id"] for r in self.results})

    def rows_by_task(self) -> dict[str, list[dict[str, Any]]]:
        """Result rows grouped by task, each group in file order (sample order)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for row in self.results:
            out.setdefault(row["task_id"], []).append(row)
        return out


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise RunError(f"{path}: invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    except OSError as e:
        raise RunError(f"{path}: cannot read ({e.strerror})") from None


def _check_row(row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise RunError(f"{where}: expected a JSON object, got {type(row).__name__}")
    if not isinstance(row.get("task_id"), str):
        raise RunError(f"{where}: field 'task_id' missing or not a string")
    status = row.get("status")
    if status not in STATUSES:
        raise RunError(f"{where}: field 'status' is {status!r}; expected one of {', '.join(STATUSES)}")
    outs = row.get("test_outputs")
    if outs is not None and (not isinstance(outs, list)
                             or any(o is not None and not isinstance(o, list) for o in outs)):
        raise RunError(f"{where}: field 'test_outputs' must be null or a list of grids (or nulls)")
    for name in ("train_passed", "train_total", "n_tokens", "sample_index"):
        value = row.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise RunError(f"{where}: field '{name}' must be an integer, got {value!r}")
    for name in ("code", "detail", "program_hash"):
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise RunError(f"{where}: field '{name}' must be a string, got {type(value).__name__}")
    return row


def read_results(path: Path) -> list[dict[str, Any]]:
    """The rows of a results.jsonl, validated (:mod:`omni_arc.io`'s policy: blank lines are
    skipped, a cut last line is ignored, any other bad line is a :class:`RunError`)."""
    try:
        return [_check_row(raw, f"{path}:{n}") for n, raw in iter_jsonl(path)]
    except JsonlError as e:
        raise RunError(str(e)) from None
    except OSError as e:
        raise RunError(f"{path}: cannot read ({e.strerror})") from None


def read_submission(path: Path) -> dict[str, list[dict[str, Any]]]:
    """An ARC Prize submission, checked for shape; attempts that are not valid grids are kept (they
    simply score 0)."""
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise RunError(f"{path}: expected an object mapping task ids to lists of attempts")
    for tid, entries in raw.items():
        if not isinstance(entries, list):
            raise RunError(f"{path}: task {tid}: expected a list (one item per test input)")
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise RunError(f"{path}: task {tid}[{i}]: expected an object with 'attempt_1' and 'attempt_2'")
            for key, value in entry.items():
                if key.startswith("attempt_") and value is not None and not isinstance(value, list):
                    raise RunError(f"{path}: task {tid}[{i}].{key}: expected a grid (list of rows)")
    return raw


def _count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def load_run(path: str | Path) -> Run:
    """Read and validate a run directory; :class:`RunError` names what is missing or malformed."""
    path = Path(path)
    if not path.is_dir():
        raise RunError(f"{path}: not a run directory (no such folder)")
    results_path, submission_path = path / "results.jsonl", path / "submission.json"
    if not results_path.exists():
        hint = " (run `omni verify` on candidates.jsonl first)" if (path / "candidates.jsonl").exists() else ""
        raise RunError(f"{results_path}: file not found{hint}")
    if not submission_path.exists():
        raise RunError(f"{submission_path}: file not found (written by `omni verify`)")
    meta: dict[str, Any] = {}
    if (path / "run.json").exists():
        meta = _read_json(path / "run.json")
        if not isinstance(meta, dict):
            raise RunError(f"{path / 'run.json'}: expected a JSON object")
    candidates = path / "candidates.jsonl"
    return Run(
        path=path,
        results=read_results(results_path),
        submission=read_submission(submission_path),
        meta=meta,
        n_candidates=_count_lines(candidates) if candidates.exists() else None,
    )
