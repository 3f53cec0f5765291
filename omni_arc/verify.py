"""Verification of candidate programs, voting, and submission.json (``omni verify``).

A candidate (``{"task_id", "code", ...}``, see docs/design.md) is run in the sandbox on its
task's train and test inputs (the augmented task when it carries an ``augmentation``); the
parent compares the train outputs with the expected ones. It is **verified** when every train
output is reproduced exactly and every test input gives a valid grid; otherwise its status is
the first failure in input order (train pairs first). Results go to ``results.jsonl`` in the
order the candidates were added, one line each, so an interrupted run resumes where it stopped.

Voting (:func:`vote`): per test input, the verified candidates' outputs are grouped by identical
grid and ranked by how many candidates proposed them; ties go to the group whose first
candidate comes earliest (sample order). The top two groups are ``attempt_1`` and ``attempt_2``;
a missing attempt is ``[[0]]``.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Task
from omni_arc.sandbox import ExecResult, Executor, code_key

RESULT_FIELDS = ("status", "detail", "train_passed", "train_total", "test_outputs", "program_hash")
STATUSES = (
    "no_code", "syntax_error", "no_task_function", "exception", "timeout", "memory",
    "blocked_syscall", "invalid_output", "wrong_output", "verified",
)
EMPTY_ATTEMPT = [[0]]


# --- voting -----------------------------------------------------------------------------------

def vote(rows: Sequence[Mapping[str, Any]], n_test: int) -> list[dict[str, Any]]:
    """Attempts per test input from the verified rows (in sample order).

    >>> a = {"status": "verified", "test_outputs": [[[1]]]}
    >>> b = {"status": "verified", "test_outputs": [[[2]]]}
    >>> vote([a, b, b], 1)
    [{'attempt_1': [[2]], 'attempt_2': [[1]]}]
    >>> vote([a, b], 1)  # a tie: the earlier candidate first
    [{'attempt_1': [[1]], 'attempt_2': [[2]]}]
    >>> vote([], 2)
    [{'attempt_1': [[0]], 'attempt_2': [[0]]}, {'attempt_1': [[0]], 'attempt_2': [[0]]}]
    """
    entries = []
    for t in range(n_test):
        groups: dict[str, list] = {}  # insertion order = first appearance
        for row in rows:
            outs = row.get("test_outputs")
            if row.get("status") != "verified" or not isinstance(outs, list) or t >= len(outs):
                continue
            grid = outs[t]
            if not isinstance(grid, list) or not grid:
                continue
            key = json.dumps(grid, separators=(",", ":"))
            groups.setdefault(key, [0, grid])[0] += 1
        ranked = sorted(groups.values(), key=lambda g: -g[0])  # stable: ties keep first appearance
        picks = [g[1] for g in ranked[:2]]
        picks += [EMPTY_ATTEMPT] * (2 - len(picks))
        entries.append({"attempt_1": picks[0], "attempt_2": picks[1]})
    return entries


def arc_score(submission: Mapping[str, list], tasks: Mapping[str, Task]) -> tuple[float, int]:
    """ARC score (mean over tasks of the fraction of test inputs solved by either attempt) and the
    number of tasks scored (those whose test outputs are all known)."""
    total, n = 0.0, 0
    for tid, task in tasks.items():
        if not task.test or not task.has_test_outputs:
            continue
        entry = submission.get(tid, [])
        solved = 0
        for i, pair in enumerate(task.test):
            attempts = entry[i] if i < len(entry) else {}
            truth = pair.output.tolist()
            solved += any(attempts.get(a) == truth for a in ("attempt_1", "attempt_2"))
        total += solved / len(task.test)
        n += 1
    return (total / n if n else 0.0), n


# --- verification -----------------------------------------------------------------------------

def program_hash(code: str, augmentation: Augmentation) -> str:
    """A hex digest identifying ``normalized(code)`` together with the augmentation."""
    aug = "" if augmentation.is_identity else json.dumps(augmentation.to_json(), sort_keys=True)
    return hashlib.blake2b(f"{code_key(code)}|{aug}".encode(), digest_size=16).hexdigest()


def _split(error: str | None) -> tuple[str, str]:
    status, _, detail = (error or "exception: ").partition(": ")
    return status, detail


def judge(task: Task, result: ExecResult) -> dict[str, Any]:
    """The verdict on one execution of a program on ``task`` (already augmented, if any):
    status, detail, train_passed, train_total and the (augmented-frame) test outputs."""
    n_train = len(task.train)
    verdict: dict[str, Any] = {"train_total": n_train, "train_passed": 0}
    if result.status in ("no_code", "syntax_error", "no_task_function"):
        verdict.update(status=result.status, detail=result.detail, test_outputs=[])
        return verdict
    status = detail = None
    passed = 0
    for i, pair in enumerate(task.train):
        out = result.outputs[i] if i < len(result.outputs) else None
        where = f"train pair {i + 1} of {n_train}"
        if out is None:
            if status is None:
                status, why = _split(result.errors[i] if i < len(result.errors) else None)
                detail = f"{why} [{where}]"
        elif out.shape == pair.output.shape and np.array_equal(out, pair.output):
            passed += 1
        elif status is None:
            status = "wrong_output"
            if out.shape != pair.output.shape:
                detail = (f"{where}: expected a {pair.output.shape[0]}x{pair.output.shape[1]} grid, "
                          f"got {out.shape[0]}x{out.shape[1]}")
            else:
                wrong = int(np.count_nonzero(out != pair.output))
                detail = f"{where}: {wrong} of {out.size} cells differ"
    tests = list(result.outputs[n_train:])
    if status is None:
        for j, out in enumerate(tests):
            if out is None:
                status, why = _split(result.errors[n_train + j])
                detail = f"{why} [test input {j + 1} of {len(tests)}]"
                break
    verdict.update(status=status or "verified", detail=detail or "", train_passed=passed,
                   test_outputs=tests)
    return verdict


class _Pending:
    __slots__ = ("candidate", "key", "augmentation", "task", "future", "phash")

    def __init__(self, candidate, key, augmentation, task, future, phash):
        self.candidate, self.key, self.augmentation = candidate, key, augmentation
        self.task, self.future, self.phash = task, future, phash


def candidate_problem(cand: Any, tasks: Mapping[str, Task]) -> str | None:
    """Why ``cand`` cannot be verified (one line), or None."""
    if not isinstance(cand, dict):
        return f"expected a JSON object, got {type(cand).__name__}"
    tid = cand.get("task_id")
    if not isinstance(tid, str):
        return "field 'task_id' missing or not a string"
    if "code" not in cand or not isinstance(cand["code"], str):
        return "field 'code' missing or not a string"
    if tid not in tasks:
        return f"task_id {tid!r} is not a task of the dataset"
    aug = cand.get("augmentation")
    if aug is not None:
        if not isinstance(aug, dict):
            return "field 'augmentation' must be an object {\"transform\", \"colors\"}"
        try:
            Augmentation.from_json(aug)
        except (ValueError, TypeError) as e:
            return f"field 'augmentation': {e}"
    return None


class Verifier:
    """Verify candidates incrementally into ``out_dir/results.jsonl``; :meth:`finish` votes and
    writes ``submission.json`` and ``summary.json``.

    :meth:`add` only queues work (the sandbox runs in the background) and writes the results that
    are already finished, in the order the candidates were added; :meth:`wait` blocks until all
    are written. Candidates already in results.jsonl (same ``candidate_id``, or for candidates
    without one the same content and occurrence) are skipped, so a re-run resumes.
    """

    def __init__(self, tasks: Mapping[str, Task], out_dir: str | Path, workers: int | None = None,
                 timeout_s: float = 2.0, memory_mb: int = 1024, progress: bool = True,
                 executor: Executor | None = None):
        self.tasks = dict(tasks)
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.results_path = self.out_dir / "results.jsonl"
        self.progress = progress
        self._own_executor = executor is None
        self._executor = executor
        self._executor_args = dict(workers=workers, timeout_s=timeout_s, memory_mb=memory_mb)
        self._done = self._load_done_keys()
        self._occurrence: Counter[str] = Counter()
        self._pending: list[_Pending] = []
        self._head = 0
        self._aug_cache: dict[tuple[str, str], Task] = {}
        self._started = time.monotonic()
        self.added = self.skipped_done = self.written = 0
        self.new_status: Counter[str] = Counter()
        self.problems: list[str] = []
        self._bar = None
        self._bar_task = None
        self._file = open(self.results_path, "a", encoding="utf-8")

    # -- context manager ------------------------------------------------------------------------
    def __enter__(self) -> "Verifier":
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:  # interrupted: keep what is finished (in order), drop the rest
            try:
                self._drain(block=False)
            finally:
                self.close()

    def close(self) -> None:
        self._stop_bar()
        if self._own_executor and self._executor is not None:
            self._executor.close()
            self._executor = None
        if not self._file.closed:
            self._file.close()

    # -- resume ---------------------------------------------------------------------------------
    def _load_done_keys(self) -> set[str]:
        done: set[str] = set()
        if not self.results_path.exists():
            return done
        raw = self.results_path.read_bytes()
        if raw and not raw.endswith(b"\n"):  # a line cut short by an interruption: redo it
            cut = raw.rfind(b"\n") + 1
            with open(self.results_path, "r+b") as f:
                f.truncate(cut)
            raw = raw[:cut]
        for line in raw.decode("utf-8", "replace").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict):
                key = self._row_key(row)
                if key:
                    done.add(key)
        return done

    @staticmethod
    def _row_key(row: Mapping[str, Any]) -> str | None:
        if isinstance(row.get("candidate_id"), str):
            return "id:" + row["candidate_id"]
        key = row.get("candidate_key")
        return key if isinstance(key, str) else None

    def _key(self, cand: Mapping[str, Any]) -> tuple[str, bool]:
        """The resume key and whether it must be stored (candidates without a candidate_id)."""
        if isinstance(cand.get("candidate_id"), str):
            return "id:" + cand["candidate_id"], False
        body = json.dumps(cand, sort_keys=True, ensure_ascii=False, default=str)
        digest = hashlib.blake2b(body.encode(), digest_size=8).hexdigest()
        k = self._occurrence[digest]
        self._occurrence[digest] += 1
        return f"h:{digest}#{k}", True

    # -- work -----------------------------------------------------------------------------------
    @property
    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = Executor(**self._executor_args)
        return self._executor

    def add(self, candidates: Iterable[Mapping[str, Any]]) -> list[tuple[int, str]]:
        """Queue candidates; returns ``(index, problem)`` for those skipped as malformed."""
        problems = []
        for i, cand in enumerate(candidates):
            why = candidate_problem(cand, self.tasks)
            if why is not None:
                problems.append((i, why))
                self.problems.append(why)
                continue
            key, store = self._key(cand)
            if key in self._done:
                self.skipped_done += 1
                continue
            self._done.add(key)
            cand = dict(cand)
            if store:
                cand["candidate_key"] = key
            aug = Augmentation.from_json(cand.get("augmentation"))
            task = self._augmented(cand["task_id"], aug)
            inputs = [p.input for p in task.train] + [p.input for p in task.test]
            future = self.executor.submit(cand["code"], inputs, expected=[p.output for p in task.train])
            self._pending.append(_Pending(cand, key, aug, task, future, program_hash(cand["code"], aug)))
            self.added += 1
        self._update_bar_total()
        self._drain(block=False)
        return problems

    def _augmented(self, task_id: str, aug: Augmentation) -> Task:
        k = (task_id, json.dumps(aug.to_json()))
        task = self._aug_cache.get(k)
        if task is None:
            task = self.tasks[task_id] if aug.is_identity else aug.apply_task(self.tasks[task_id])
            if len(self._aug_cache) > 20_000:
                self._aug_cache.clear()
            self._aug_cache[k] = task
        return task

    def _drain(self, block: bool) -> None:
        while self._head < len(self._pending):
            p = self._pending[self._head]
            if not p.future.done() and not block:
                break
            self._write(p, p.future.result())
            self._pending[self._head] = None  # type: ignore[call-overload]
            self._head += 1
        if self._head == len(self._pending):
            self._pending.clear()
            self._head = 0
        self._file.flush()

    def _write(self, p: _Pending, result: ExecResult) -> None:
        verdict = judge(p.task, result)
        tests = verdict.pop("test_outputs")
        outs = None
        if any(o is not None for o in tests):
            outs = [None if o is None else p.augmentation.invert(o).tolist() for o in tests]
        row = {**p.candidate, **verdict, "test_outputs": outs, "program_hash": p.phash}
        self._file.write(json.dumps(row, separators=(", ", ": ")) + "\n")
        self.written += 1
        self.new_status[row["status"]] += 1
        if self._bar is not None:
            self._bar.advance(self._bar_task)

    def wait(self) -> None:
        """Block until every added candidate is verified and written."""
        self._drain(block=True)

    # -- progress -------------------------------------------------------------------------------
    def _update_bar_total(self) -> None:
        if not self.progress:
            return
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("verifying"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), transient=True)
            self._bar.start()
            self._bar_task = self._bar.add_task("verify", total=0)
        self._bar.update(self._bar_task, total=self.added, completed=self.written)

    def _stop_bar(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    # -- the end --------------------------------------------------------------------------------
    def read_results(self) -> list[dict[str, Any]]:
        """Every well-formed row of results.jsonl (this run's and earlier runs')."""
        self._file.flush()
        rows = []
        with open(self.results_path, encoding="utf-8") as f:
            for line in f:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("task_id"), str):
                    rows.append(row)
        return rows

    def finish(self) -> dict[str, Any]:
        """Wait for all candidates, vote, write submission.json and summary.json; return the summary."""
        self.wait()
        self._stop_bar()
        seconds = time.monotonic() - self._started
        rows = self.read_results()
        by_task: dict[str, list[dict]] = {}
        for row in rows:
            if row["task_id"] in self.tasks:
                by_task.setdefault(row["task_id"], []).append(row)
        submission = {tid: vote(by_task.get(tid, []), len(task.test)) for tid, task in self.tasks.items()}
        tmp = self.out_dir / "submission.json.tmp"
        tmp.write_text(json.dumps(submission))
        tmp.replace(self.out_dir / "submission.json")
        counts = Counter(r.get("status") for rows_ in by_task.values() for r in rows_)
        score, n_scored = arc_score(submission, self.tasks)
        executor = self._executor
        summary = {
            "tasks": len(self.tasks),
            "tasks_with_candidates": len(by_task),
            "tasks_with_verified": sum(any(r.get("status") == "verified" for r in rs) for rs in by_task.values()),
            "candidates": sum(len(rs) for rs in by_task.values()),
            "statuses": {s: counts.get(s, 0) for s in STATUSES},
            "unique_programs": len({(r["task_id"], r.get("program_hash")) for rs in by_task.values() for r in rs}),
            "score": round(score, 4) if n_scored else None,
            "tasks_scored": n_scored,
            "this_run": {
                "verified_now": self.written,
                "already_done": self.skipped_done,
                "skipped_bad": len(self.problems),
                "executed": executor.executed if executor is not None else 0,
                "seconds": round(seconds, 2),
                "candidates_per_s": round(self.written / seconds, 1) if seconds > 0 else None,
            },
            "files": {"results": str(self.results_path), "submission": str(self.out_dir / "submission.json")},
        }
        (self.out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
        return summary
