"""Equal-compute comparisons of sampling runs: prefixes of each task's samples under a budget of
generated tokens, and what such a prefix verifies and solves."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

Rows = Mapping[str, Sequence[Mapping[str, Any]]]  # a run's result rows by task id


def first_k(rows_by_task: Rows, k: int) -> dict[str, list]:
    """The first ``k`` samples (by ``sample_index``) of every task.

    >>> first_k({"t": [{"sample_index": 1}, {"sample_index": 0}]}, 1)
    {'t': [{'sample_index': 0}]}
    """
    return {t: sorted((r for r in rows if r.get("sample_index", 0) < k), key=lambda r: r.get("sample_index", 0))
            for t, rows in rows_by_task.items()}


def tokens(rows_by_task: Rows) -> int:
    """Generated tokens of all rows.

    >>> tokens({"a": [{"n_tokens": 3}, {"n_tokens": None}], "b": [{"n_tokens": 4}]})
    7
    """
    return sum(r.get("n_tokens") or 0 for rows in rows_by_task.values() for r in rows)


def matched_k(rows_by_task: Rows, budget: int) -> int:
    """The largest k whose first-k samples of every task use at most ``budget`` tokens.

    >>> rows = {"a": [{"sample_index": i, "n_tokens": 10} for i in range(4)]}
    >>> matched_k(rows, 25), matched_k(rows, 5), matched_k(rows, 1000)
    (2, 0, 4)
    """
    n = max((r.get("sample_index", 0) + 1 for rows in rows_by_task.values() for r in rows), default=0)
    best = 0
    for k in range(1, n + 1):
        if tokens(first_k(rows_by_task, k)) > budget:
            break
        best = k
    return best


def solved_tasks(rows_by_task: Rows, solutions: Mapping[str, list]) -> tuple[set[str], set[str]]:
    """(tasks with a verified row, tasks solved by the vote's two attempts) among ``solutions``.

    >>> row = {"status": "verified", "test_outputs": [[[1]]], "train_ok": True}
    >>> solved_tasks({"t": [row], "u": []}, {"t": [[[1]]], "u": [[[2]]]})
    ({'t'}, {'t'})
    """
    from omni_arc.evaluate.metrics import arc_score, is_verified
    from omni_arc.evaluate.report import credited_vote
    from omni_arc.verify import vote

    credited = credited_vote(vote)  # a placeholder attempt is never credited
    submission = {t: credited(list(rows_by_task.get(t, [])), len(solutions[t])) for t in solutions}
    verified = {t for t in solutions if any(is_verified(r) for r in rows_by_task.get(t, []))}
    per_task = arc_score(submission, solutions).per_task
    return verified, {t for t, s in per_task.items() if s == 1.0}
