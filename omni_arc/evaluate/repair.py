"""The repair section of a report: what each round of ``omni infer --repair-rounds`` added.

Per round r: the samples and generated tokens of that round, and -- counting every sample of
rounds 0..r -- the tasks with a verified program, the tasks solved and the ARC Prize score of
voting over those samples (with the report's vote, which credits predictions only). Repair success: the share of repair samples that verified, and of
repaired programs (parents) that got at least one verified repair.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from omni_arc.evaluate import metrics as M


def sample_round(row: Mapping[str, Any]) -> int:
    """The repair round of a result row (0: a first-round sample).

    >>> sample_round({"round": 2}), sample_round({}), sample_round({"round": "x"})
    (2, 0, 0)
    """
    r = row.get("round")
    return r if isinstance(r, int) and not isinstance(r, bool) and r >= 0 else 0


def repair_section(rows_by_task: Mapping[str, Sequence[Mapping[str, Any]]], solutions: Mapping[str, list],
                   vote_fn: Callable[..., list]) -> dict[str, Any] | None:
    """The numbers of the repair section, or None when the run has no repair round.

    >>> ok = {"status": "verified", "test_outputs": [[[1]]]}
    >>> rows = {"t": [{"status": "wrong_output", "candidate_id": "t:0"},
    ...               {**ok, "round": 1, "parent": "t:0", "kind": "repair"}]}
    >>> from omni_arc.verify import vote
    >>> s = repair_section(rows, {"t": [[[1]]]}, vote)
    >>> [(r["round"], r["tasks_solved"]) for r in s["rounds"]], s["success"]["sample_rate"]
    ([(0, 0), (1, 1)], 1.0)
    """
    all_rows = [r for tid in solutions for r in rows_by_task.get(tid, [])]
    last = max((sample_round(r) for r in all_rows), default=0)
    if last == 0:
        return None
    rounds = []
    for rnd in range(last + 1):
        upto = {tid: [r for r in rows_by_task.get(tid, []) if sample_round(r) <= rnd] for tid in solutions}
        submission = {tid: vote_fn(rows, len(solutions[tid])) for tid, rows in upto.items()}
        score = M.arc_score(submission, solutions)
        this = [r for r in all_rows if sample_round(r) == rnd]
        rounds.append({
            "round": rnd, "samples": len(this),
            "tokens": sum(r.get("n_tokens") or 0 for r in this),
            "tasks_with_verified": sum(any(M.is_verified(r) for r in rows) for rows in upto.values()),
            "tasks_solved": score.n_solved, "arc_prize_score": score.score,
        })
    repairs = [r for r in all_rows if sample_round(r) >= 1]
    verified = [r for r in repairs if M.is_verified(r)]
    parents = {r.get("parent") for r in repairs}
    fixed = {r.get("parent") for r in verified}
    return {
        "rounds": rounds,
        "success": {
            "samples": len(repairs), "verified": len(verified),
            "sample_rate": len(verified) / len(repairs) if repairs else None,
            "parents": len(parents), "parents_fixed": len(fixed),
            "parent_rate": len(fixed) / len(parents) if parents else None,
        },
    }


def repair_markdown(section: Mapping[str, Any]) -> str:
    """The section as Markdown: one table row per round, then the success rates."""
    s = section["success"]
    head = "| round | samples | tokens | tasks with a verified program | tasks solved | ARC Prize score |"
    lines = ["## Repair rounds", "Cumulative over rounds 0..r (round 0: the first samples).", "",
             head, "|---|---|---|---|---|---|"]
    for r in section["rounds"]:
        lines.append(f"| {r['round']} | {r['samples']} | {r['tokens']} | {r['tasks_with_verified']} | "
                     f"{r['tasks_solved']} | {100 * r['arc_prize_score']:.1f}% |")

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{100 * x:.1f}%"

    lines += ["", f"Repair success: {s['verified']} of {s['samples']} repair samples verified "
                  f"({pct(s['sample_rate'])}); {s['parents_fixed']} of {s['parents']} repaired programs "
                  f"got a verified repair ({pct(s['parent_rate'])})."]
    return "\n".join(lines)
