"""The report's breakdown by prompt kind: what the samples of each kind of prompt
(code_from_examples, neighbours) achieve alone, measured exactly like the per-source table, so
that two kinds sampled in one run can be compared on the same tasks."""
from __future__ import annotations

from typing import Any, Mapping, Sequence


def prompt_kind(row: Mapping[str, Any]) -> str:
    """The prompt kind of a candidate: its ``prompt_kind``, else its non-model ``source`` (library,
    search, ...), else code_from_examples (model runs made before prompt kinds existed).

    >>> prompt_kind({"prompt_kind": "neighbours"}), prompt_kind({"source": "search"}), prompt_kind({})
    ('neighbours', 'search', 'code_from_examples')
    """
    kind = row.get("prompt_kind")
    if isinstance(kind, str) and kind:
        return kind
    source = row.get("source")
    return source if isinstance(source, str) and source not in ("", "model") else "code_from_examples"


def prompt_kind_table(ids: Sequence[str], rows_of: Sequence[list], truths_of: Sequence[list],
                      vote_fn: Any) -> dict[str, dict[str, Any]]:
    """Per prompt kind, the columns of :func:`omni_arc.evaluate.report.source_table` (samples, score,
    tasks solved, with a verified sample, verified but wrong, precision, solved only by it); empty
    when the run has model samples of one kind only.

    >>> from omni_arc.verify import vote
    >>> rows = [[{"prompt_kind": "neighbours", "status": "verified", "test_outputs": [[[1]]]},
    ...          {"status": "verified", "test_outputs": [[[2]]]}]]
    >>> t = prompt_kind_table(["t"], rows, [[[[1]]]], vote)
    >>> t["neighbours"]["tasks_solved"], t["code_from_examples"]["tasks_solved"]
    (1, 0)
    """
    from omni_arc.evaluate.report import source_table

    from omni_arc.evaluate.metrics import row_source

    kinds = {prompt_kind(r) for rows in rows_of for r in rows if row_source(r) == "model"}
    if kinds <= {"code_from_examples"}:
        return {}
    relabelled = [[{**r, "source": prompt_kind(r)} for r in rows] for rows in rows_of]
    return source_table(ids, relabelled, truths_of, vote_fn)
