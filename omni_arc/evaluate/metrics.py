"""Pure metric functions over plain data (grids are lists of lists; result rows are dicts as in
results.jsonl). Nothing here reads files, so every number can be checked by hand.

Vocabulary: a *sample* is one candidate line (one program, possibly under an augmentation); a
sample is *correct* when it produced every test output of its task exactly; an *entry* is a
task's submission value, one ``{"attempt_1", "attempt_2"}`` object per test input.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations
from statistics import mean, median
from typing import Any, Callable, Mapping, Sequence

import numpy as np

Grid = list  # list of rows of ints
Entry = list  # [{"attempt_1": grid, "attempt_2": grid}, ...] one per test input
VoteFn = Callable[[Sequence[Mapping[str, Any]], int], Entry]

ATTEMPTS = ("attempt_1", "attempt_2")


def as_list(grid: Any) -> Any:
    """Numpy arrays become nested lists; everything else is returned unchanged."""
    return grid.tolist() if isinstance(grid, np.ndarray) else grid


def same_grid(prediction: Any, truth: Any) -> bool:
    """Exact match: same shape and same cells. A missing or non-list prediction is never right.

    >>> same_grid([[1, 2]], [[1, 2]]), same_grid([[1, 2]], [[1], [2]]), same_grid(None, [[0]])
    (True, False, False)
    """
    prediction = as_list(prediction)
    return isinstance(prediction, list) and prediction == as_list(truth)


# --- ARC Prize score ------------------------------------------------------------------------


def test_input_correct(attempts: Any, truth: Grid) -> bool:
    """One test input is solved when ``attempt_1`` or ``attempt_2`` equals the truth."""
    return isinstance(attempts, Mapping) and any(same_grid(attempts.get(a), truth) for a in ATTEMPTS)


def task_score(entry: Entry | None, truths: Sequence[Grid]) -> float:
    """The fraction of a task's test inputs solved; a missing entry (or missing item) scores 0.

    >>> task_score([{"attempt_1": [[0]], "attempt_2": [[1]]}, {"attempt_1": [[0]]}], [[[1]], [[2]]])
    0.5
    """
    entry = entry if isinstance(entry, list) else []
    hits = sum(test_input_correct(entry[i] if i < len(entry) else None, t) for i, t in enumerate(truths))
    return hits / len(truths)


@dataclass(frozen=True)
class ArcScore:
    score: float  # mean task score over all tasks of `solutions`
    per_task: dict[str, float]
    n_tasks: int
    n_solved: int  # tasks whose every test input is solved


def arc_score(submission: Mapping[str, Entry], solutions: Mapping[str, Sequence[Grid]]) -> ArcScore:
    """The ARC Prize score of ``submission`` over the tasks of ``solutions`` (task id -> the true
    grid of each test input). Tasks absent from the submission score 0; extra tasks are ignored."""
    per_task = {tid: task_score(submission.get(tid), truths) for tid, truths in solutions.items()}
    n = len(per_task)
    return ArcScore(
        score=sum(per_task.values()) / n if n else 0.0,
        per_task=per_task,
        n_tasks=n,
        n_solved=sum(1 for s in per_task.values() if s == 1.0),
    )


# --- samples ----------------------------------------------------------------------------------


def outputs_correct(test_outputs: Any, truths: Sequence[Grid]) -> bool:
    """A sample is correct when it gives one output per test input and every one is exact."""
    return (isinstance(test_outputs, list) and len(test_outputs) == len(truths)
            and all(same_grid(o, t) for o, t in zip(test_outputs, truths)))


def is_verified(row: Mapping[str, Any]) -> bool:
    return row.get("status") == "verified"


# --- scaling: pass@k and vote@k -------------------------------------------------------------


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased estimator of "at least one of k samples is correct" from n samples of which c
    are correct: ``1 - C(n-c, k) / C(n, k)``. With k > n all n samples are used (k = n).

    >>> pass_at_k(4, 1, 1), pass_at_k(4, 1, 2), pass_at_k(4, 0, 3), pass_at_k(2, 1, 5)
    (0.25, 0.5, 0.0, 1.0)
    """
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n, got n={n}, c={c}")
    if n == 0 or c == 0:
        return 0.0
    k = min(k, n)
    if n - c < k:
        return 1.0
    # C(n-c, k) / C(n, k) = prod_{i<k} (n-c-i) / (n-i), stable for large n.
    return 1.0 - math.prod((n - c - i) / (n - i) for i in range(k))


def pass_at_k_curve(counts: Sequence[tuple[int, int]], ks: Sequence[int]) -> list[float]:
    """Mean over tasks of :func:`pass_at_k`, for each k; ``counts`` holds (n, c) per task
    (a task without samples is (0, 0) and counts 0)."""
    if not counts:
        return [0.0 for _ in ks]
    return [sum(pass_at_k(n, c, k) for n, c in counts) / len(counts) for k in ks]


def sample_subsets(n: int, k: int, draws: int, rng: np.random.Generator) -> list[tuple[int, ...]]:
    """Index subsets of size k (each sorted, so sample order is kept): all of them when there are
    at most ``draws``, else ``draws`` uniform random ones. With k >= n the one subset is everything."""
    if k >= n:
        return [tuple(range(n))]
    if math.comb(n, k) <= draws:
        return list(combinations(range(n), k))
    return [tuple(sorted(rng.choice(n, size=k, replace=False).tolist())) for _ in range(draws)]


def vote_at_k(
    rows_per_task: Sequence[Sequence[Mapping[str, Any]]], truths_per_task: Sequence[Sequence[Grid]],
    ks: Sequence[int], vote_fn: VoteFn, draws: int = 16, seed: int = 0,
    progress: Callable[[], None] | None = None,
) -> list[float]:
    """The ARC score of voting with only k samples per task, averaged over subsets of each task's
    samples (exact when a task has at most ``draws`` subsets), then over tasks, for each k.
    ``vote_fn(rows, n_test)`` turns a task's rows into its submission entry (`omni verify`'s
    :func:`omni_arc.verify.vote`); ``progress`` is called once per task."""
    totals = [0.0 for _ in ks]
    for t, (rows, truths) in enumerate(zip(rows_per_task, truths_per_task)):
        for j, k in enumerate(ks):
            rng = np.random.default_rng([seed, t, k])
            subsets = sample_subsets(len(rows), k, draws, rng)
            totals[j] += mean(task_score(vote_fn([rows[i] for i in s], len(truths)), truths) for s in subsets)
        if progress:
            progress()
    n = len(rows_per_task)
    return [x / n if n else 0.0 for x in totals]


def curve_ks(n_max: int) -> list[int]:
    """The k values of the vote@k curve: 1..16, then powers of two, and n_max itself.

    >>> curve_ks(5), curve_ks(100)
    ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 32, 64, 100])
    """
    ks = set(range(1, min(n_max, 16) + 1)) | {2 ** i for i in range(n_max.bit_length()) if 2 ** i <= n_max}
    return sorted(ks | ({n_max} if n_max > 0 else set()))


# --- failures, duplicates, lengths ----------------------------------------------------------

_EXC = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?::|$)")


def exception_type(detail: str | None) -> str:
    """The exception class named at the start of a row's detail ("ValueError: ..."), else "other".

    >>> exception_type("ZeroDivisionError: division by zero"), exception_type("")
    ('ZeroDivisionError', 'other')
    """
    m = _EXC.match(detail or "")
    return m.group(1) if m else "other"


def status_counts(rows: Sequence[Mapping[str, Any]], statuses: Sequence[str]) -> dict[str, int]:
    """How many rows have each status (every status listed, zeros included)."""
    counts = dict.fromkeys(statuses, 0)
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def exception_counts(rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Exception types of the rows whose status is ``exception``, most frequent first."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.get("status") == "exception":
            name = exception_type(row.get("detail"))
            counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def duplicate_rate(keys_per_task: Mapping[str, Sequence[str]]) -> float:
    """The fraction of samples that repeat an earlier sample of the same task (same key).

    >>> duplicate_rate({"a": ["x", "x", "y"], "b": ["x"]})
    0.25
    """
    total = sum(len(keys) for keys in keys_per_task.values())
    distinct = sum(len(set(keys)) for keys in keys_per_task.values())
    return (total - distinct) / total if total else 0.0


def summary(values: Sequence[float]) -> dict[str, float | int | None]:
    """count, mean, median, 90th percentile, min and max (None when empty)."""
    if not values:
        return {"count": 0, "mean": None, "median": None, "p90": None, "min": None, "max": None}
    return {
        "count": len(values), "mean": float(mean(values)), "median": float(median(values)),
        "p90": float(np.percentile(values, 90)), "min": min(values), "max": max(values),
    }


# --- what counts as a prediction --------------------------------------------------------------


def produced_outputs(rows: Sequence[Mapping[str, Any]], i: int) -> list[Grid]:
    """The grids the task's samples gave for test input ``i`` (any status; no output, no grid)."""
    out = []
    for row in rows:
        outs = row.get("test_outputs")
        if isinstance(outs, list) and i < len(outs) and isinstance(outs[i], list) and outs[i]:
            out.append(outs[i])
    return out


def credited_entry(entry: Any, rows: Sequence[Mapping[str, Any]], n_test: int) -> Entry:
    """A task's submission entry keeping only the attempts that some sample of the task produced
    for that test input; every other attempt (the ``[[0]]`` placeholder `omni verify` writes
    where it has nothing, or anything not predicted) becomes None and scores 0.

    >>> placeholder = [{"attempt_1": [[0]], "attempt_2": [[0]]}]
    >>> credited_entry(placeholder, [], 1)  # no candidate: nothing to credit
    [{'attempt_1': None, 'attempt_2': None}]
    >>> row = {"status": "verified", "test_outputs": [[[0]], None]}
    >>> credited_entry(placeholder * 2, [row], 2)  # only test input 1 has a prediction
    [{'attempt_1': [[0]], 'attempt_2': [[0]]}, {'attempt_1': None, 'attempt_2': None}]
    """
    entry = entry if isinstance(entry, list) else []
    credited = []
    for i in range(n_test):
        attempts = entry[i] if i < len(entry) and isinstance(entry[i], Mapping) else {}
        produced = produced_outputs(rows, i)
        credited.append({a: attempts.get(a) if as_list(attempts.get(a)) in produced else None for a in ATTEMPTS})
    return credited


def is_attempt(grid: Any) -> bool:
    """Whether a credited attempt is a prediction (None marks "no attempt")."""
    return isinstance(grid, list) and bool(grid)


# --- candidate sources ------------------------------------------------------------------------

SOURCE_ORDER = ("model", "library", "search", "repair")


def row_source(row: Mapping[str, Any]) -> str:
    """The source of a sample: its ``source`` field, ``"model"`` when absent.

    >>> row_source({}), row_source({"source": "library"})
    ('model', 'library')
    """
    source = row.get("source")
    return source if isinstance(source, str) and source else "model"


def sources_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The sources present, model/library/search/repair first, then others alphabetically."""
    present = {row_source(r) for r in rows}
    return [s for s in SOURCE_ORDER if s in present] + sorted(present - set(SOURCE_ORDER))


def score_by_source(rows: Sequence[Mapping[str, Any]], truths: Sequence[Grid], vote_fn: VoteFn,
                    sources: Sequence[str]) -> dict[str, float]:
    """A task's score for each source alone: the task score of ``vote_fn`` over only that
    source's samples, credited as in :func:`credited_entry` (a source without samples scores 0).

    >>> from omni_arc.verify import vote
    >>> lib = {"source": "library", "status": "verified", "test_outputs": [[[1]]]}
    >>> mod = {"status": "verified", "test_outputs": [[[2]]]}
    >>> score_by_source([mod, lib, mod], [[[1]]], vote, ["model", "library", "search"])
    {'model': 0.0, 'library': 1.0, 'search': 0.0}
    """
    out = {}
    for source in sources:
        mine = [r for r in rows if row_source(r) == source]
        out[source] = task_score(credited_entry(vote_fn(mine, len(truths)), mine, len(truths)), truths)
    return out


def cells_differ(output: Any, expected: Any) -> int | None:
    """How many cells of ``output`` differ from ``expected``; None when the shapes differ.

    >>> cells_differ([[1, 2], [3, 4]], [[1, 0], [3, 0]]), cells_differ([[1]], [[1, 1]])
    (2, None)
    """
    a, b = np.asarray(as_list(output)), np.asarray(as_list(expected))
    if a.shape != b.shape:
        return None
    return int(np.count_nonzero(a != b))
