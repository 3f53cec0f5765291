"""The report of one run: every number in a JSON-able dict (:func:`build_report`), written as
report.json and report.md; and the side-by-side table of several runs."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from omni_arc.data import Task
from omni_arc.errors import UserError
from omni_arc.evaluate import metrics as M
from omni_arc.evaluate.rundir import STATUSES, Run
from omni_arc.evaluate.tokens import TokenCounter
from omni_arc.evaluate.repair import repair_markdown, repair_section


def solutions_for(run: Run, tasks: Mapping[str, Task], dataset: str, scope: str = "run") -> dict[str, list]:
    """The true test outputs of the tasks the run is scored on: the run's tasks (scope "run") or
    every task of the dataset (scope "dataset"). Raises :class:`UserError` when the run names a
    task the dataset lacks or the dataset has no test outputs."""
    run_ids = run.task_ids()
    missing = [t for t in run_ids if t not in tasks]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise UserError(f"{run.path}: task {missing[0]}{more} is not in dataset {dataset}; "
                        "pass the run's dataset with --dataset")
    ids = sorted(tasks) if scope == "dataset" else run_ids
    for tid in ids:
        if not tasks[tid].has_test_outputs:
            raise UserError(f"dataset {dataset}: task {tid} has no test outputs; evaluation needs the "
                            "solutions (for a Kaggle file, put its *_solutions.json next to it)")
    return {tid: [p.output.tolist() for p in tasks[tid].test] for tid in ids}


def chosen_row(rows: Sequence[Mapping[str, Any]], entry: Any) -> int | None:
    """Which sample to show for a task: the first verified one whose outputs are the submitted
    ``attempt_1``s, else the first verified one, else the one passing most train pairs (with
    outputs), else the first with code; ``None`` when no sample has code."""
    firsts = [e.get("attempt_1") for e in entry] if isinstance(entry, list) and entry and all(
        isinstance(e, dict) for e in entry) else None
    verified = [i for i, r in enumerate(rows) if M.is_verified(r)]
    for i in verified:
        if firsts is not None and rows[i].get("test_outputs") == firsts:
            return i
    if verified:
        return verified[0]
    with_outputs = [i for i, r in enumerate(rows) if r.get("test_outputs")]
    if with_outputs:
        return max(with_outputs, key=lambda i: rows[i].get("train_passed") or 0)
    return next((i for i, r in enumerate(rows) if r.get("code")), None)


def _lengths(run: Run, solutions: Mapping[str, list], counter: TokenCounter) -> dict[str, Any]:
    from omni_arc.library import library_ids, load_solution
    from omni_arc.prompts import encode_grid

    programs = [r["code"] for r in run.results if r.get("code")]
    library, broken = [], []
    for tid in library_ids():
        try:
            library.append(load_solution(tid).source)
        except Exception:  # a broken library file must not stop a report
            broken.append(tid)
    grids = [encode_grid(g) for truths in solutions.values() for g in truths]
    responses = [r["n_tokens"] for r in run.results if r.get("n_tokens") is not None]
    values = {"programs": counter.count(programs), "library": counter.count(library),
              "grids": counter.count(grids)}
    out: dict[str, Any] = {"counter": counter.name, "values": values}
    out.update({k: M.summary(v) for k, v in values.items()})
    out["responses_n_tokens"] = M.summary(responses)
    out["library_unloadable"] = broken
    pm, gm = out["programs"]["median"], out["grids"]["median"]
    out["grid_to_program_median_ratio"] = gm / pm if pm and gm else None
    return out


def _throughput(meta: Mapping[str, Any]) -> dict[str, Any]:
    timings = meta.get("timings") if isinstance(meta.get("timings"), dict) else {}
    return {
        "generation_s": timings.get("generation_s"), "verification_s": timings.get("verification_s"),
        "wall_s": timings.get("total_s"), "tokens_per_s": meta.get("tokens_per_s"),
        "programs_per_s": meta.get("programs_per_s"),
    }


def build_report(
    run: Run, solutions: Mapping[str, list], *, dataset: str, counter: TokenCounter,
    vote_fn: M.VoteFn | None = None, vote_draws: int = 16, seed: int = 0,
    progress: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Every number of the report, computed from the run's rows and the true test outputs.
    ``vote_fn`` defaults to `omni verify`'s voting rule."""
    if vote_fn is None:
        from omni_arc.verify import vote as vote_fn
    by_task = run.rows_by_task()
    ids = list(solutions)
    rows_of = [by_task.get(t, []) for t in ids]
    truths_of = [solutions[t] for t in ids]
    scored_rows = [r for rows in rows_of for r in rows]

    score = M.arc_score(run.submission, solutions)
    per_task, counts, vcounts = [], [], []
    for tid, rows, truths in zip(ids, rows_of, truths_of):
        correct = [M.outputs_correct(r.get("test_outputs"), truths) for r in rows]
        verified = [M.is_verified(r) for r in rows]
        n_vc = sum(c and v for c, v in zip(correct, verified))
        counts.append((len(rows), sum(correct)))
        vcounts.append((len(rows), n_vc))
        statuses = {k: v for k, v in M.status_counts(rows, STATUSES).items() if v}
        failures = {k: v for k, v in statuses.items() if k != "verified"}
        per_task.append({
            "task_id": tid, "n_test": len(truths), "samples": len(rows), "verified": sum(verified),
            "correct": sum(correct), "verified_correct": n_vc, "score": score.per_task[tid],
            "distinct_programs": len({r.get("program_hash") or r.get("code", "") for r in rows}),
            "statuses": statuses, "top_failure": max(failures, key=failures.get) if failures else None,
            "chosen": chosen_row(rows, run.submission.get(tid)),
        })

    n = len(ids)
    n_max = max((len(r) for r in rows_of), default=0)
    ks = list(range(1, n_max + 1))
    vks = M.curve_ks(n_max)
    n_verified = sum(t["verified"] for t in per_task)
    n_verified_correct = sum(t["verified_correct"] for t in per_task)
    n_oracle = sum(1 for t in per_task if t["correct"])
    verification = {
        "tasks_with_verified": sum(1 for t in per_task if t["verified"]),
        "verified_programs": n_verified, "verified_correct": n_verified_correct,
        "precision": n_verified_correct / n_verified if n_verified else None,
    }
    vote_curve = M.vote_at_k(rows_of, truths_of, vks, vote_fn, vote_draws, seed, progress)
    scaling = {
        "k": ks, "pass_at_k": M.pass_at_k_curve(counts, ks), "verified_pass_at_k": M.pass_at_k_curve(vcounts, ks),
        "vote_k": vks, "vote_at_k": vote_curve, "vote_draws": vote_draws, "seed": seed,
        # Voting over every sample must reproduce submission.json when `omni verify` made it.
        "vote_all_matches_submission": abs((vote_curve or [0.0])[-1] - score.score) < 1e-9,
    }
    with_code = {t: [r for r in rows if r.get("code")] for t, rows in zip(ids, rows_of)}
    from omni_arc.program import normalized

    throughput = _throughput(run.meta)
    duplicates = {
        "rate_program_hash": M.duplicate_rate(
            {t: [r.get("program_hash") or r["code"] for r in rows] for t, rows in with_code.items()}),
        "rate_code": M.duplicate_rate({t: [normalized(r["code"]) for r in rows] for t, rows in with_code.items()}),
        "programs": sum(len(rows) for rows in with_code.values()),
    }
    tokens = _lengths(run, solutions, counter)
    return {
        "headline": {
            "arc_prize_score": score.score, "tasks_solved": score.n_solved, "n_tasks": n,
            "tasks_with_verified": verification["tasks_with_verified"],
            "verification_precision": verification["precision"], "oracle": n_oracle / n if n else 0.0,
            "pass_at_1": scaling["pass_at_k"][0] if ks else 0.0, "pass_at_n": scaling["pass_at_k"][-1] if ks else 0.0,
            "vote_at_1": vote_curve[0] if vks else 0.0, "vote_at_n": vote_curve[-1] if vks else 0.0,
            "samples": len(scored_rows), "max_samples_per_task": n_max,
            "duplicate_rate": duplicates["rate_program_hash"], "median_program_tokens": tokens["programs"]["median"],
            "wall_s": throughput["wall_s"], "programs_per_s": throughput["programs_per_s"],
        },
        "run_dir": str(run.path), "dataset": dataset, "model": run.meta.get("model"),
        "adapter": run.meta.get("adapter"), "backend": run.meta.get("backend"),
        "params": run.meta.get("params"),
        "n_tasks": n, "n_samples": len(scored_rows), "n_candidates": run.n_candidates,
        "samples_per_task": M.summary([len(r) for r in rows_of]),
        "score": {"arc_prize": score.score, "tasks_solved": score.n_solved,
                  "tasks_with_submission": sum(1 for t in ids if t in run.submission)},
        "verification": verification,
        "oracle": {"tasks": n_oracle, "fraction": n_oracle / n if n else 0.0},
        "scaling": scaling,
        "failures": {
            "overall": M.status_counts(scored_rows, STATUSES),
            "exceptions": M.exception_counts(scored_rows),
        },
        "duplicates": duplicates,
        "tokens": tokens,
        "throughput": throughput,
        "tasks": per_task,
        "repair": repair_section(by_task, solutions, vote_fn),
    }


# --- writing --------------------------------------------------------------------------------


def _fmt(x: Any, pct: bool = False) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{100 * x:.1f}%" if pct else f"{x:.4g}"
    return str(x)


HEADLINES: list[tuple[str, str, bool]] = [  # (label, key of report["headline"], shown as a percentage)
    ("ARC Prize score", "arc_prize_score", True),
    ("tasks solved", "tasks_solved", False),
    ("tasks with a verified program", "tasks_with_verified", False),
    ("verification precision", "verification_precision", True),
    ("oracle (some sample right)", "oracle", True),
    ("pass@1", "pass_at_1", True),
    ("pass@N", "pass_at_n", True),
    ("vote@1", "vote_at_1", True),
    ("vote@N", "vote_at_n", True),
    ("samples", "samples", False),
    ("samples per task (max N)", "max_samples_per_task", False),
    ("duplicate rate", "duplicate_rate", True),
    ("median program tokens", "median_program_tokens", False),
    ("wall time (s)", "wall_s", False),
    ("programs/s", "programs_per_s", False),
]


def headline_rows(report: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, formatted value) for each headline number."""
    h = report["headline"]
    rows = [(label, _fmt(h[key], pct)) for label, key, pct in HEADLINES]
    return [(label, f"{value}/{h['n_tasks']}" if label == "tasks solved" else value) for label, value in rows]


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def to_markdown(report: Mapping[str, Any]) -> str:
    """report.md: headline, scaling, failures, lengths, throughput and per-task tables."""
    r = report
    s = r["scaling"]
    tok = r["tokens"]
    parts = [
        f"# Evaluation of `{r['run_dir']}`",
        f"Dataset `{r['dataset']}`, model `{r['model']}`, {r['n_tasks']} tasks, {r['n_samples']} samples.",
        "## Headline", _table(["metric", "value"], headline_rows(r)),
        "## Scaling",
        "pass@k: unbiased estimate that some of k samples is right on every test input; "
        "verified-pass@k counts only verified samples; vote@k: ARC score of voting over k samples "
        f"(mean over up to {s['vote_draws']} subsets per task, seed {s['seed']}).",
        _table(["k", "pass@k", "verified-pass@k", "vote@k"], [
            (k, _fmt(s["pass_at_k"][k - 1], True), _fmt(s["verified_pass_at_k"][k - 1], True),
             _fmt(v, True)) for k, v in zip(s["vote_k"], s["vote_at_k"])]),
        "Voting over all samples reproduces the score of submission.json." if s["vote_all_matches_submission"]
        else f"**Note:** voting over all samples scores {_fmt((s['vote_at_k'] or [0.0])[-1], True)} but "
             f"submission.json scores {_fmt(r['score']['arc_prize'], True)}: the submission was not made "
             "by this voting rule from these samples.",
        "## Failures", _table(["status", "samples", "share"], [
            (k, v, _fmt(v / r["n_samples"], True) if r["n_samples"] else "–")
            for k, v in r["failures"]["overall"].items()]),
    ]
    if r["failures"]["exceptions"]:
        parts += ["### Exception types", _table(["exception", "samples"], r["failures"]["exceptions"].items())]
    parts += [
        "## Duplicates",
        f"{_fmt(r['duplicates']['rate_program_hash'], True)} of {r['duplicates']['programs']} programs repeat "
        f"an earlier one of their task (same program hash); {_fmt(r['duplicates']['rate_code'], True)} "
        "by normalized code alone.",
        "## Token lengths", f"Counted with: {tok['counter']}.",
        _table(["text", "count", "mean", "median", "p90", "max"], [
            (name, tok[key]["count"], _fmt(tok[key]["mean"]), _fmt(tok[key]["median"]),
             _fmt(tok[key]["p90"]), _fmt(tok[key]["max"]))
            for name, key in [("generated programs", "programs"), ("library solutions", "library"),
                              ("test output grids as text", "grids")]]),
        f"Median grid / median program: {_fmt(tok['grid_to_program_median_ratio'])}.",
        *([repair_markdown(r["repair"])] if r.get("repair") else []),
        "## Throughput", _table(["quantity", "value"], [(k, _fmt(v)) for k, v in r["throughput"].items()]),
        "## Tasks",
        _table(["task", "score", "samples", "verified", "correct", "verified & correct", "distinct", "top failure"], [
            (t["task_id"], _fmt(t["score"], True), t["samples"], t["verified"], t["correct"],
             t["verified_correct"], t["distinct_programs"], t["top_failure"] or "–") for t in r["tasks"]]),
    ]
    return "\n\n".join(parts) + "\n"


def write_report(report: Mapping[str, Any], out_dir: Path) -> list[Path]:
    """report.json and report.md in ``out_dir``."""
    paths = [out_dir / "report.json", out_dir / "report.md"]
    paths[0].write_text(json.dumps(report, indent=1) + "\n")
    paths[1].write_text(to_markdown(report))
    return paths
