"""The report's breakdown by prompt kind: what each kind of prompt (code_from_examples, neighbours)
produced, so that two kinds sampled in one run can be compared on the same tasks."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from omni_arc.evaluate import metrics as M


def prompt_kind(row: Mapping[str, Any]) -> str:
    """The prompt kind of a candidate: its ``prompt_kind``, else its non-model ``source`` (library,
    search), else code_from_examples (runs made before prompt kinds existed).

    >>> prompt_kind({"prompt_kind": "neighbours"}), prompt_kind({"source": "search"}), prompt_kind({})
    ('neighbours', 'search', 'code_from_examples')
    """
    kind = row.get("prompt_kind")
    if isinstance(kind, str) and kind:
        return kind
    source = row.get("source")
    return source if isinstance(source, str) and source not in ("", "model") else "code_from_examples"


def by_prompt_kind(rows_by_task: Mapping[str, Sequence[Mapping[str, Any]]],
                   solutions: Mapping[str, Sequence[Any]]) -> dict[str, dict[str, Any]]:
    """Per prompt kind: samples, verified samples, tasks with a verified sample, and tasks *solved*
    by that kind (a verified sample whose test outputs are all right).

    >>> rows = {"t": [{"prompt_kind": "neighbours", "status": "verified", "test_outputs": [[[1]]]},
    ...               {"status": "wrong_output", "test_outputs": [[[1]]]}]}
    >>> by_prompt_kind(rows, {"t": [[[1]]]})["neighbours"]["tasks_solved"]
    1
    >>> by_prompt_kind(rows, {"t": [[[1]]]})["code_from_examples"]["verified"]
    0
    """
    out: dict[str, dict[str, Any]] = {}
    for tid, truths in solutions.items():
        seen: dict[str, list[Mapping[str, Any]]] = {}
        for r in rows_by_task.get(tid, []):
            seen.setdefault(prompt_kind(r), []).append(r)
        for kind, rows in seen.items():
            d = out.setdefault(kind, {"samples": 0, "verified": 0, "tasks": 0, "tasks_with_verified": 0,
                                      "tasks_solved": 0})
            verified = [r for r in rows if M.is_verified(r)]
            d["samples"] += len(rows)
            d["verified"] += len(verified)
            d["tasks"] += 1
            d["tasks_with_verified"] += bool(verified)
            d["tasks_solved"] += any(M.outputs_correct(r.get("test_outputs"), truths) for r in verified)
    return dict(sorted(out.items()))


def markdown_rows(section: Mapping[str, Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Table rows (kind, samples, verified, tasks with verified, tasks solved) for report.md."""
    return [(k, d["samples"], d["verified"], f"{d['tasks_with_verified']}/{d['tasks']}",
             f"{d['tasks_solved']}/{d['tasks']}") for k, d in section.items()]
