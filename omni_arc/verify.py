"""Verification of candidate programs, voting, and submission.json (``omni verify``).

A candidate (``{"task_id", "code", ...}``, see docs/design.md) is run in the sandbox on its
task's train and test inputs (the augmented task when it carries an ``augmentation``); the
parent compares the train outputs with the expected ones. It is **verified** when every train
output is reproduced exactly and every test input gives a valid grid; otherwise its status is
the first failure in input order (train pairs first). Results go to ``results.jsonl`` in the
order the candidates were added, one line each, so an interrupted run resumes where it stopped.

Hostile input is a per-line problem, never a crash: a line that does not parse (deep nesting,
huge numbers, bad UTF-8), a candidate that cannot be hashed, or a ``code`` longer than
``max_source_bytes`` (checked before anything parses it) is reported with its line and skipped.
The parent parses each distinct source at most once (for :func:`program_hash`, a reporting
identity). Execution is shared only between byte-identical programs, so de-duplication never
changes a verdict.

Voting (:func:`vote`): per test input, the verified candidates' outputs are grouped by identical
grid and ranked by how many candidates proposed them; ties go to the group whose first
candidate comes earliest (sample order). The top two groups are ``attempt_1`` and ``attempt_2``;
a missing attempt is ``[[0]]``. Candidates of several files (an ensemble of sources: ``model``,
``library``, ``search``) share one vote; summary.json records which sources proposed each attempt.
"""
from __future__ import annotations

import ast
import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation
from omni_arc.data import Task, grid_problem
from omni_arc.errors import UserError
from omni_arc.io import append_jsonl, atomic_write_json, iter_jsonl

if TYPE_CHECKING:
    from omni_arc.sandbox import ExecResult, Executor

RESULT_FIELDS = ("status", "detail", "train_passed", "train_total", "test_outputs", "program_hash",
                 "source", "candidate_key")
STATUSES = (
    "no_code", "syntax_error", "no_task_function", "exception", "timeout", "memory",
    "blocked_syscall", "invalid_output", "wrong_output", "verified",
)
EMPTY_ATTEMPT = [[0]]
DEFAULT_SOURCE = "model"  # the source of a candidate without a ``source`` field
MAX_SOURCE_BYTES = 64 * 1024  # default cap on a candidate's ``code`` (UTF-8 bytes), checked first
CHUNK = 256  # candidates read from a file and handed to the verifier at a time


# --- voting -----------------------------------------------------------------------------------

def candidate_source(row: Mapping[str, Any]) -> str:
    """Where a candidate came from (its ``source`` field; ``"model"`` when it has none).

    >>> candidate_source({"source": "library"}), candidate_source({})
    ('library', 'model')
    """
    source = row.get("source")
    return source if isinstance(source, str) else DEFAULT_SOURCE


def vote_groups(rows: Sequence[Mapping[str, Any]], n_test: int) -> list[list[dict[str, Any]]]:
    """Per test input, the (at most two) winning groups of identical verified outputs, each
    ``{"grid", "votes", "sources": {source: votes}}``; ranked by votes, ties to the earlier candidate.

    >>> a = {"status": "verified", "test_outputs": [[[1]]], "source": "library"}
    >>> b = {"status": "verified", "test_outputs": [[[2]]]}
    >>> vote_groups([a, b, b, a, a], 1)[0][0]
    {'grid': [[1]], 'votes': 3, 'sources': {'library': 3}}
    """
    entries = []
    for t in range(n_test):
        groups: dict[str, dict[str, Any]] = {}  # insertion order = first appearance
        for row in rows:
            outs = row.get("test_outputs")
            if row.get("status") != "verified" or not isinstance(outs, list) or t >= len(outs):
                continue
            grid = outs[t]
            if not isinstance(grid, list) or not grid:
                continue
            key = json.dumps(grid, separators=(",", ":"))
            group = groups.setdefault(key, {"grid": grid, "votes": 0, "sources": {}})
            group["votes"] += 1
            source = candidate_source(row)
            group["sources"][source] = group["sources"].get(source, 0) + 1
        ranked = sorted(groups.values(), key=lambda g: -g["votes"])  # stable: ties keep first appearance
        entries.append(ranked[:2])
    return entries


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
    for groups in vote_groups(rows, n_test):
        picks = [g["grid"] for g in groups] + [EMPTY_ATTEMPT] * (2 - len(groups))
        entries.append({"attempt_1": picks[0], "attempt_2": picks[1]})
    return entries


def attempt_sources(rows: Sequence[Mapping[str, Any]], n_test: int) -> list[dict[str, Any]]:
    """Per test input, which sources proposed each attempt (``{source: votes}``; None for an
    empty attempt): what summary.json records beside submission.json.

    >>> a = {"status": "verified", "test_outputs": [[[1]]], "source": "search"}
    >>> attempt_sources([a, {**a, "source": "model"}], 1)
    [{'attempt_1': {'search': 1, 'model': 1}, 'attempt_2': None}]
    """
    out = []
    for groups in vote_groups(rows, n_test):
        sources = [g["sources"] for g in groups] + [None] * (2 - len(groups))
        out.append({"attempt_1": sources[0], "attempt_2": sources[1]})
    return out


# --- judging a program's outputs ---------------------------------------------------------------

def _split(error: str | None) -> tuple[str, str]:
    status, _, detail = (error or "exception: ").partition(": ")
    return status, detail


def judge_outputs(expected: Sequence[np.ndarray | None], outputs: Sequence[Any],
                  errors: Sequence[str | None] = ()) -> list[tuple[str, str] | None]:
    """Per pair, None when the program's output is right -- a valid grid equal to the expected one
    (any valid grid where nothing is expected) -- else ``(status, detail)``. ``errors`` holds the
    runner's ``"status: detail"`` for the inputs without an output. The one judge of a program run
    on its pairs: ``omni verify``, ``omni library verify`` and training-sample checks use it.

    >>> one = np.array([[1]])
    >>> judge_outputs([one, one, None], [np.array([[1]]), np.array([[2]]), None], [None, None, "timeout: 2 s"])
    [None, ('wrong_output', '1 of 1 cells differ'), ('timeout', '2 s')]
    """
    verdicts: list[tuple[str, str] | None] = []
    for i, want in enumerate(expected):
        out = outputs[i] if i < len(outputs) else None
        if out is None:
            verdicts.append(_split(errors[i] if i < len(errors) else None))
            continue
        why = grid_problem(out)
        if why is not None:
            verdicts.append(("invalid_output", f"invalid output grid ({why})"))
            continue
        out = np.asarray(out)
        if want is None or (out.shape == want.shape and np.array_equal(out, want)):
            verdicts.append(None)
        elif out.shape != want.shape:
            verdicts.append(("wrong_output", f"expected a {want.shape[0]}x{want.shape[1]} grid, "
                                             f"got {out.shape[0]}x{out.shape[1]}"))
        else:
            wrong = int(np.count_nonzero(out != want))
            verdicts.append(("wrong_output", f"{wrong} of {out.size} cells differ"))
    return verdicts


def judge(task: Task, result: ExecResult) -> dict[str, Any]:
    """The verdict on one execution of a program on ``task`` (already augmented, if any):
    status, detail, train_passed, train_total and the (augmented-frame) test outputs."""
    n_train = len(task.train)
    verdict: dict[str, Any] = {"train_total": n_train, "train_passed": 0}
    if result.status in ("no_code", "syntax_error", "no_task_function"):
        verdict.update(status=result.status, detail=result.detail, test_outputs=[])
        return verdict
    tests = list(result.outputs[n_train:])
    verdicts = judge_outputs([p.output for p in task.train] + [None] * len(tests),
                             result.outputs, result.errors)
    status = detail = None
    for i, v in enumerate(verdicts):
        if v is None:
            continue
        where = (f"train pair {i + 1} of {n_train}" if i < n_train
                 else f"test input {i - n_train + 1} of {len(tests)}")
        status, why = v
        detail = f"{where}: {why}" if status == "wrong_output" else f"{why} [{where}]"
        break
    verdict.update(status=status or "verified", detail=detail or "",
                   train_passed=sum(v is None for v in verdicts[:n_train]), test_outputs=tests)
    return verdict


# --- identities of candidates and programs -----------------------------------------------------

def _digest(text: str, size: int = 16) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def program_identity(code: str) -> str:
    """The program's normalised form for counting unique programs: ``ast:`` and the AST dump when
    it parses, else ``text:`` and the exact text -- the tags keep text that merely looks like an
    AST dump apart from the program it dumps. Reporting only: execution is shared solely between
    byte-identical sources, so no verdict depends on it.

    >>> program_identity("def task(g):  return g") == program_identity("def task(g):\\n    return g  # same")
    True
    >>> program_identity(program_identity("x = 1")[4:]) == program_identity("x = 1")
    False
    """
    try:
        return "ast:" + ast.dump(ast.parse(code))
    except Exception:  # noqa: BLE001 - SyntaxError, RecursionError, MemoryError, ValueError (NUL)
        return "text:" + code


def program_hash(code: str, augmentation: Augmentation) -> str:
    """A hex digest of :func:`program_identity` together with the augmentation."""
    aug = "" if augmentation.is_identity else json.dumps(augmentation.to_json(), sort_keys=True)
    return _digest(f"{program_identity(code)}|{aug}")


MAX_NESTING = 64  # deeper JSON in a candidate line is refused: rows must re-serialise safely


def nesting_depth(value: Any, limit: int = MAX_NESTING) -> int:
    """How deeply lists and objects nest in ``value`` (iteratively; stops counting past ``limit``).

    >>> nesting_depth({"a": [1, [2]]}), nesting_depth("[[["), nesting_depth([[[[]]]], limit=2)
    (3, 0, 3)
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            deepest = max(deepest, d)
            if deepest > limit:
                return deepest
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return deepest


def candidate_problem(cand: Any, tasks: Mapping[str, Task],
                      max_source_bytes: int = MAX_SOURCE_BYTES) -> str | None:
    """Why ``cand`` cannot be verified (one line), or None. The size of ``code`` is checked
    before anything parses it."""
    if not isinstance(cand, dict):
        return f"expected a JSON object, got {type(cand).__name__}"
    tid = cand.get("task_id")
    if not isinstance(tid, str):
        return "field 'task_id' missing or not a string"
    if "code" not in cand or not isinstance(cand["code"], str):
        return "field 'code' missing or not a string"
    size = len(cand["code"].encode("utf-8", "surrogatepass"))
    if size > max_source_bytes:
        return (f"field 'code' has {size} bytes, more than the limit of {max_source_bytes} "
                "(--max-source-bytes)")
    if tid not in tasks:
        return f"task_id {tid!r} is not a task of the dataset"
    if nesting_depth(cand) > MAX_NESTING:
        return f"lists or objects nested more than {MAX_NESTING} levels deep"
    if "source" in cand and not isinstance(cand["source"], str):
        return "field 'source' must be a string (model, library, search, ...)"
    aug = cand.get("augmentation")
    if aug is not None:
        if not isinstance(aug, dict):
            return "field 'augmentation' must be an object {\"transform\", \"colors\"}"
        try:
            Augmentation.from_json(aug)
        except (ValueError, TypeError) as e:
            return f"field 'augmentation': {e}"
    return None


def _unprocessable(e: BaseException) -> str:
    why = str(e).splitlines()[0][:120] if str(e) else ""
    return f"cannot be processed ({type(e).__name__}{': ' + why if why else ''})"


# --- the verifier ------------------------------------------------------------------------------

class _Pending:
    __slots__ = ("candidate", "key", "augmentation", "task", "future", "phash")

    def __init__(self, candidate, key, augmentation, task, future, phash):
        self.candidate, self.key, self.augmentation = candidate, key, augmentation
        self.task, self.future, self.phash = task, future, phash


class Verifier:
    """Verify candidates incrementally into ``out_dir/results.jsonl``; :meth:`finish` votes and
    writes ``submission.json`` and ``summary.json``.

    :meth:`add` only queues work (the sandbox runs in the background) and writes the results that
    are already finished, in the order the candidates were added; :meth:`wait` blocks until all
    are written. A candidate is identified by a digest of its whole content and its occurrence
    (the k-th identical line), stored as ``candidate_key``; those already in results.jsonl are
    skipped, so a re-run resumes. Execution is shared only between byte-identical programs run
    on the same inputs; each candidate still gets its own row and vote.
    """

    def __init__(self, tasks: Mapping[str, Task], out_dir: str | Path, workers: int | None = None,
                 timeout_s: float | None = None, memory_mb: int = 1024, progress: bool = True,
                 executor: Executor | None = None, max_source_bytes: int = MAX_SOURCE_BYTES):
        self.tasks = dict(tasks)
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.results_path = self.out_dir / "results.jsonl"
        self.results_path.touch()
        self.progress = progress
        self.max_source_bytes = max_source_bytes
        self._own_executor = executor is None
        self._executor = executor
        from omni_arc.sandbox.executor import DEFAULT_TIMEOUT_S

        self._executor_args = dict(workers=workers, timeout_s=timeout_s or DEFAULT_TIMEOUT_S, memory_mb=memory_mb)
        self.problems: list[str] = []
        self._done = self._load_done_keys()
        self._occurrence: Counter[str] = Counter()
        self._pending: list[_Pending] = []
        self._head = 0
        self._aug_cache: dict[tuple[str, str], Task] = {}
        self._hash_cache: dict[tuple[str, str], str] = {}
        self._started = time.monotonic()
        self.added = self.skipped_done = self.written = 0
        self.new_status: Counter[str] = Counter()
        self._bar = None
        self._bar_task = None

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

    # -- resume ---------------------------------------------------------------------------------
    def _load_done_keys(self) -> set[str]:
        done: set[str] = set()
        for _, row in iter_jsonl(self.results_path, errors=self.problems):
            if isinstance(row, dict):
                key = self._row_key(row)
                if key:
                    done.add(key)
        return done

    @staticmethod
    def _row_key(row: Mapping[str, Any]) -> str | None:
        key = row.get("candidate_key")
        if isinstance(key, str):
            return key
        if isinstance(row.get("candidate_id"), str):  # written before candidate_key was stored for all
            return "id:" + row["candidate_id"]
        return None

    def _key(self, cand: Mapping[str, Any]) -> str:
        """The resume key: a digest of the whole candidate and which occurrence of it this is."""
        body = json.dumps(cand, sort_keys=True, default=str)  # ASCII: lone surrogates are escaped
        digest = _digest(body, 8)
        k = self._occurrence[digest]
        self._occurrence[digest] += 1
        return f"h:{digest}#{k}"

    def _is_done(self, key: str, cand: Mapping[str, Any]) -> bool:
        cid = cand.get("candidate_id")
        return key in self._done or (isinstance(cid, str) and "id:" + cid in self._done)

    # -- work -----------------------------------------------------------------------------------
    @property
    def executor(self) -> Executor:
        if self._executor is None:
            from omni_arc.sandbox import Executor

            self._executor = Executor(**self._executor_args)
        return self._executor

    def add(self, candidates: Iterable[Mapping[str, Any]]) -> list[tuple[int, str]]:
        """Queue candidates; returns ``(index, problem)`` for those skipped as malformed (a
        candidate that cannot even be hashed or parsed is one of them, never a crash)."""
        problems = []
        for i, cand in enumerate(candidates):
            try:
                why = self._queue(cand)
            except (RecursionError, ValueError, TypeError, UnicodeError, MemoryError) as e:
                why = _unprocessable(e)
            if why is not None:
                problems.append((i, why))
                self.problems.append(why)
        self._update_bar_total()
        self._drain(block=False)
        return problems

    def _queue(self, cand: Any) -> str | None:
        why = candidate_problem(cand, self.tasks, self.max_source_bytes)
        if why is not None:
            return why
        key = self._key(cand)
        if self._is_done(key, cand):
            self.skipped_done += 1
            return None
        aug = Augmentation.from_json(cand.get("augmentation"))
        task = self._augmented(cand["task_id"], aug)
        phash = self._program_hash(cand["code"], aug)
        self._done.add(key)
        row = {**cand, "candidate_key": key, "source": candidate_source(cand)}
        inputs = [p.input for p in task.train] + [p.input for p in task.test]
        future = self.executor.submit(cand["code"], inputs, expected=[p.output for p in task.train])
        self._pending.append(_Pending(row, key, aug, task, future, phash))
        self.added += 1
        return None

    def _program_hash(self, code: str, aug: Augmentation) -> str:
        """:func:`program_hash`, parsing each distinct source once."""
        k = (code, json.dumps(aug.to_json()))
        h = self._hash_cache.get(k)
        if h is None:
            h = program_hash(code, aug)
            if len(self._hash_cache) > 50_000:
                self._hash_cache.clear()
            self._hash_cache[k] = h
        return h

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
        rows = []
        while self._head < len(self._pending):
            p = self._pending[self._head]
            if not p.future.done() and not block:
                break
            rows.append(self._row(p, p.future.result()))
            self._pending[self._head] = None  # type: ignore[call-overload]
            self._head += 1
        if self._head == len(self._pending):
            self._pending.clear()
            self._head = 0
        if rows:
            append_jsonl(self.results_path, rows)
            self.written += len(rows)
            self.new_status.update(r["status"] for r in rows)
            if self._bar is not None:
                self._bar.advance(self._bar_task, len(rows))

    def _row(self, p: _Pending, result: ExecResult) -> dict[str, Any]:
        verdict = judge(p.task, result)
        tests = verdict.pop("test_outputs")
        outs = None
        if any(o is not None for o in tests):
            outs = [None if o is None else p.augmentation.invert(o).tolist() for o in tests]
        return {**p.candidate, **verdict, "test_outputs": outs, "program_hash": p.phash}

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
        return [row for _, row in iter_jsonl(self.results_path, errors=[])
                if isinstance(row, dict) and isinstance(row.get("task_id"), str)]

    def finish(self) -> dict[str, Any]:
        """Wait for all candidates, vote, write submission.json and summary.json; return the summary."""
        self.wait()
        self._stop_bar()
        seconds = time.monotonic() - self._started
        by_task: dict[str, list[dict]] = {}
        for row in self.read_results():
            if row["task_id"] in self.tasks:
                by_task.setdefault(row["task_id"], []).append(row)
        submission = {tid: vote(by_task.get(tid, []), len(task.test)) for tid, task in self.tasks.items()}
        atomic_write_json(self.out_dir / "submission.json", submission, indent=None)
        summary = self._summary(by_task, submission, seconds)
        atomic_write_json(self.out_dir / "summary.json", summary)
        return summary

    def _summary(self, by_task: dict[str, list[dict]], submission: dict[str, list],
                 seconds: float) -> dict[str, Any]:
        from omni_arc.evaluate.metrics import arc_score

        rows = [r for rs in by_task.values() for r in rs]
        counts = Counter(r.get("status") for r in rows)
        truths = {tid: [p.output.tolist() for p in task.test] for tid, task in self.tasks.items()
                  if task.test and task.has_test_outputs}
        score = arc_score(submission, truths)
        sources: dict[str, dict[str, int]] = {}
        for r in rows:
            s = sources.setdefault(candidate_source(r), {"candidates": 0, "verified": 0})
            s["candidates"] += 1
            s["verified"] += r.get("status") == "verified"
        executor = self._executor
        return {
            "tasks": len(self.tasks),
            "tasks_with_candidates": len(by_task),
            "tasks_with_verified": sum(any(r.get("status") == "verified" for r in rs) for rs in by_task.values()),
            "candidates": len(rows),
            "statuses": {s: counts.get(s, 0) for s in STATUSES},
            "unique_programs": len({(r["task_id"], r.get("program_hash")) for r in rows}),
            "score": round(score.score, 4) if score.n_tasks else None,
            "tasks_scored": score.n_tasks,
            "sources": dict(sorted(sources.items())),
            "attempt_sources": {tid: attempt_sources(by_task[tid], len(self.tasks[tid].test))
                                for tid in by_task},
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


# --- `omni verify`: files in, run folder out ----------------------------------------------------

def check_options(candidate_files: Sequence[Path], output: Path, workers: int | None, timeout_s: float | None,
                  memory_mb: int, max_source_bytes: int) -> None:
    """:class:`UserError` (one line naming the option or file) for what ``omni verify`` cannot use."""
    if timeout_s is not None and timeout_s <= 0:
        raise UserError(f"--timeout: expected a positive number of seconds, got {timeout_s}")
    if memory_mb <= 0:
        raise UserError(f"--memory-mb: expected a positive number, got {memory_mb}")
    if workers is not None and workers <= 0:
        raise UserError(f"--workers: expected a positive number, got {workers}")
    if max_source_bytes <= 0:
        raise UserError(f"--max-source-bytes: expected a positive number, got {max_source_bytes}")
    if not candidate_files:
        raise UserError("--candidates: expected at least one file of candidates (JSON lines)")
    for path in candidate_files:
        if not Path(path).is_file():
            raise UserError(f"{path}: file not found (expected candidates as JSON lines)")
    if output.exists() and not output.is_dir():
        raise UserError(f"{output}: exists and is not a folder (--output expects a folder)")


def _numbered_chunks(path: Path, problems: list[str]) -> Iterator[list[tuple[int, Any]]]:
    """``(line number, value)`` of ``path`` in chunks of :data:`CHUNK`; bad lines go to ``problems``."""
    chunk: list[tuple[int, Any]] = []
    try:
        for n, value in iter_jsonl(path, errors=problems):
            chunk.append((n, value))
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
    except OSError as e:
        raise UserError(f"{path}: cannot read ({e.strerror})") from None
    if chunk:
        yield chunk


def verify_files(dataset: str, candidate_files: Sequence[Path], output: Path, *, workers: int | None = None,
                 timeout_s: float | None = None, memory_mb: int = 1024, max_source_bytes: int = MAX_SOURCE_BYTES,
                 progress: bool = True, task_ids: Sequence[str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Pool the candidates of every file (in the order given), verify, vote; returns the summary
    and one ``file:line: why; skipped`` message per line that could not be verified. ``task_ids``
    restricts the run (and submission.json) to those tasks of the dataset."""
    from omni_arc.data import load_dataset

    candidate_files = [Path(p) for p in candidate_files]
    check_options(candidate_files, Path(output), workers, timeout_s, memory_mb, max_source_bytes)
    tasks = load_dataset(dataset)
    if task_ids:
        unknown = [t for t in task_ids if t not in tasks]
        if unknown:
            raise UserError(f"--tasks: {unknown[0]} is not a task of {dataset}")
        tasks = {t: tasks[t] for t in task_ids}
    problems: list[str] = []
    with Verifier(tasks, output, workers=workers, timeout_s=timeout_s, memory_mb=memory_mb,
                  progress=progress, max_source_bytes=max_source_bytes) as v:
        for path in candidate_files:
            for chunk in _numbered_chunks(path, problems):
                for i, why in v.add([c for _, c in chunk]):
                    problems.append(f"{path}:{chunk[i][0]}: {why}; skipped")
        summary = v.finish()
    return summary, problems
