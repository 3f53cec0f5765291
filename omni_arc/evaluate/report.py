"""The report of one run: every number in a JSON-able dict (:func:`build_report`), written as
report.json and report.md; and the side-by-side table of several runs."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from omni_arc.data import Task
from omni_arc.errors import UserError
from omni_arc.evaluate import metrics as M
from omni_arc.evaluate.by_prompt import prompt_kind_table
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


def credited_submission(run: Run, solutions: Mapping[str, list]) -> dict[str, list]:
    """The run's submission with only predicted attempts (:func:`metrics.credited_entry`): a task
    or test input without a sample's output scores 0 whatever placeholder submission.json holds."""
    by_task = run.rows_by_task()
    return {tid: M.credited_entry(run.submission.get(tid), by_task.get(tid, []), len(truths))
            for tid, truths in solutions.items()}


def credited_vote(vote_fn: M.VoteFn) -> M.VoteFn:
    """``vote_fn`` whose placeholder attempts are dropped, so vote@k credits predictions only."""
    return lambda rows, n_test: M.credited_entry(vote_fn(rows, n_test), rows, n_test)


def _task_rows(ids: Sequence[str], rows_of: Sequence[list], truths_of: Sequence[list], score: M.ArcScore,
               run: Run) -> list[dict[str, Any]]:
    """One summary per task: samples, verified, correct, statuses, score and the sample shown."""
    per_task = []
    for tid, rows, truths in zip(ids, rows_of, truths_of):
        correct = [M.outputs_correct(r.get("test_outputs"), truths) for r in rows]
        verified = [M.is_verified(r) for r in rows]
        statuses = {k: v for k, v in M.status_counts(rows, STATUSES).items() if v}
        failures = {k: v for k, v in statuses.items() if k != "verified"}
        per_task.append({
            "task_id": tid, "n_test": len(truths), "samples": len(rows), "verified": sum(verified),
            "correct": sum(correct), "verified_correct": sum(c and v for c, v in zip(correct, verified)),
            "score": score.per_task[tid],
            "distinct_programs": len({r.get("program_hash") or r.get("code", "") for r in rows}),
            "statuses": statuses, "top_failure": max(failures, key=failures.get) if failures else None,
            "sources": M.sources_of(rows),
            "chosen": chosen_row(rows, run.submission.get(tid)),
        })
    return per_task


def _verification(per_task: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    n_verified = sum(t["verified"] for t in per_task)
    n_correct = sum(t["verified_correct"] for t in per_task)
    return {"tasks_with_verified": sum(1 for t in per_task if t["verified"]), "verified_programs": n_verified,
            "verified_correct": n_correct, "precision": n_correct / n_verified if n_verified else None}


def _scaling(rows_of: Sequence[list], truths_of: Sequence[list], per_task: Sequence[Mapping[str, Any]],
             vote_fn: M.VoteFn, vote_draws: int, seed: int, score: float,
             progress: Callable[[], None] | None) -> dict[str, Any]:
    """pass@k, verified-pass@k (every k up to N) and vote@k (on :func:`metrics.curve_ks`)."""
    n_max = max((len(r) for r in rows_of), default=0)
    ks = list(range(1, n_max + 1))
    vks = M.curve_ks(n_max)
    counts = [(t["samples"], t["correct"]) for t in per_task]
    vcounts = [(t["samples"], t["verified_correct"]) for t in per_task]
    vote_curve = M.vote_at_k(rows_of, truths_of, vks, credited_vote(vote_fn), vote_draws, seed, progress)
    return {
        "k": ks, "pass_at_k": M.pass_at_k_curve(counts, ks), "verified_pass_at_k": M.pass_at_k_curve(vcounts, ks),
        "vote_k": vks, "vote_at_k": vote_curve, "vote_draws": vote_draws, "seed": seed,
        # Voting over every sample must reproduce submission.json when `omni verify` made it.
        "vote_all_matches_submission": abs((vote_curve or [0.0])[-1] - score) < 1e-9,
    }


def source_table(ids: Sequence[str], rows_of: Sequence[list], truths_of: Sequence[list],
                 vote_fn: M.VoteFn) -> dict[str, dict[str, Any]]:
    """Per candidate source: what its samples alone achieve. A source *solves* a task when voting
    over only its samples solves every test input (:func:`metrics.score_by_source`); *verified
    but wrong*: it has a verified sample for the task yet does not solve it; *precision*: solved /
    tasks with a verified sample; *only*: solved by this source and by no other source alone."""
    sources = M.sources_of([r for rows in rows_of for r in rows])
    scores = [M.score_by_source(rows, truths, vote_fn, sources) for rows, truths in zip(rows_of, truths_of)]
    solved = {s: {tid for tid, sc in zip(ids, scores) if sc[s] == 1.0} for s in sources}
    table = {}
    for s in sources:
        mine = [[r for r in rows if M.row_source(r) == s] for rows in rows_of]
        with_verified = {tid for tid, rows in zip(ids, mine) if any(M.is_verified(r) for r in rows)}
        others = set().union(*(solved[o] for o in sources if o != s))
        table[s] = {
            "samples": sum(len(rows) for rows in mine),
            "tasks_with_samples": sum(1 for rows in mine if rows),
            "score": sum(sc[s] for sc in scores) / len(ids) if ids else 0.0,
            "tasks_solved": len(solved[s]),
            "tasks_with_verified": len(with_verified),
            "verified_but_wrong": len(with_verified - solved[s]),
            "precision": len(solved[s] & with_verified) / len(with_verified) if with_verified else None,
            "solved_only_by_this": sorted(solved[s] - others),
        }
    return table


def _duplicates(ids: Sequence[str], rows_of: Sequence[list]) -> dict[str, Any]:
    from omni_arc.program import normalized

    with_code = {t: [r for r in rows if r.get("code")] for t, rows in zip(ids, rows_of)}
    return {
        "rate_program_hash": M.duplicate_rate(
            {t: [r.get("program_hash") or r["code"] for r in rows] for t, rows in with_code.items()}),
        "rate_code": M.duplicate_rate({t: [normalized(r["code"]) for r in rows] for t, rows in with_code.items()}),
        "programs": sum(len(rows) for rows in with_code.values()),
    }


def _headline(score: M.ArcScore, n: int, n_samples: int, n_max: int, verification: Mapping[str, Any],
              n_oracle: int, scaling: Mapping[str, Any], duplicates: Mapping[str, Any],
              tokens: Mapping[str, Any], throughput: Mapping[str, Any]) -> dict[str, Any]:
    ks, vote_curve = scaling["k"], scaling["vote_at_k"]
    return {
        "arc_prize_score": score.score, "tasks_solved": score.n_solved, "n_tasks": n,
        "tasks_with_verified": verification["tasks_with_verified"],
        "verification_precision": verification["precision"], "oracle": n_oracle / n if n else 0.0,
        "pass_at_1": scaling["pass_at_k"][0] if ks else 0.0, "pass_at_n": scaling["pass_at_k"][-1] if ks else 0.0,
        "vote_at_1": vote_curve[0] if vote_curve else 0.0, "vote_at_n": vote_curve[-1] if vote_curve else 0.0,
        "samples": n_samples, "max_samples_per_task": n_max,
        "duplicate_rate": duplicates["rate_program_hash"], "median_program_tokens": tokens["programs"]["median"],
        "wall_s": throughput["wall_s"], "programs_per_s": throughput["programs_per_s"],
    }


def build_report(
    run: Run, solutions: Mapping[str, list], *, dataset: str, counter: TokenCounter,
    vote_fn: M.VoteFn | None = None, vote_draws: int = 16, seed: int = 0,
    progress: Callable[[], None] | None = None, provenance: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Every number of the report, computed from the run's rows and the true test outputs.
    ``vote_fn`` defaults to `omni verify`'s voting rule; ``provenance`` (dataset source and hashes)
    is recorded as given."""
    if vote_fn is None:
        from omni_arc.verify import vote as vote_fn
    by_task = run.rows_by_task()
    ids = list(solutions)
    rows_of = [by_task.get(t, []) for t in ids]
    truths_of = [solutions[t] for t in ids]
    scored_rows = [r for rows in rows_of for r in rows]
    n, n_max = len(ids), max((len(r) for r in rows_of), default=0)

    score = M.arc_score(credited_submission(run, solutions), solutions)
    per_task = _task_rows(ids, rows_of, truths_of, score, run)
    verification = _verification(per_task)
    n_oracle = sum(1 for t in per_task if t["correct"])
    scaling = _scaling(rows_of, truths_of, per_task, vote_fn, vote_draws, seed, score.score, progress)
    duplicates = _duplicates(ids, rows_of)
    tokens = _lengths(run, solutions, counter)
    throughput = _throughput(run.meta)
    return {
        "headline": _headline(score, n, len(scored_rows), n_max, verification, n_oracle, scaling, duplicates,
                              tokens, throughput),
        "run_dir": str(run.path), "dataset": dataset, "provenance": dict(provenance or {}),
        "model": run.meta.get("model"), "adapter": run.meta.get("adapter"), "backend": run.meta.get("backend"),
        "params": run.meta.get("params"),
        "n_tasks": n, "n_samples": len(scored_rows), "n_candidates": run.n_candidates,
        "samples_per_task": M.summary([len(r) for r in rows_of]),
        "score": {"arc_prize": score.score, "tasks_solved": score.n_solved,
                  "tasks_with_submission": sum(1 for t in ids if t in run.submission)},
        "verification": verification,
        "oracle": {"tasks": n_oracle, "fraction": n_oracle / n if n else 0.0},
        "scaling": scaling,
        "sources": source_table(ids, rows_of, truths_of, vote_fn),
        "prompt_kinds": prompt_kind_table(ids, rows_of, truths_of, vote_fn),
        "failures": {
            "overall": M.status_counts(scored_rows, STATUSES),
            "exceptions": M.exception_counts(scored_rows),
        },
        "duplicates": duplicates,
        "tokens": tokens,
        "throughput": throughput,
        "tasks": per_task,
        "repair": repair_section(by_task, solutions, credited_vote(vote_fn)),
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


SOURCE_COLUMNS: list[tuple[str, str, bool]] = [  # (label, key of a report["sources"] value, percentage)
    ("samples", "samples", False),
    ("tasks solved", "tasks_solved", False),
    ("tasks with a verified program", "tasks_with_verified", False),
    ("verified but wrong", "verified_but_wrong", False),
    ("precision", "precision", True),
    ("ARC score alone", "score", True),
]


def source_rows(report: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(source, formatted values of :data:`SOURCE_COLUMNS` then "solved only by it") per source."""
    out = []
    for source, t in report.get("sources", {}).items():
        only = t["solved_only_by_this"]
        out.append((source, [_fmt(t[key], pct) for _, key, pct in SOURCE_COLUMNS] + [str(len(only))]))
    return out


def provenance_line(report: Mapping[str, Any]) -> str:
    """One sentence: the dataset's source and content hash, and whether it matches the run's."""
    p = report.get("provenance") or {}
    line = f"Dataset `{report['dataset']}` from `{p.get('source', '?')}`, content hash `{p.get('hash', '?')}`."
    if not p.get("run_hash"):
        return line + " run.json records no dataset hash."
    if p["run_hash"] == p.get("hash"):
        return line + " Same as the run's."
    return (line + f" **The run was made with dataset hash `{p['run_hash']}`**; scored against this dataset "
            "because --dataset was given explicitly.")


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
        f"Model `{r['model']}`, {r['n_tasks']} tasks, {r['n_samples']} samples. " + provenance_line(r),
        "## Headline", _table(["metric", "value"], headline_rows(r)),
        "## Sources",
        "Each source alone: its samples voted as `omni verify` votes (placeholders never count). *Solved*: "
        "every test input right; *verified but wrong*: a sample reproduced every train pair but the vote "
        "does not solve the task; *precision*: solved / tasks with a verified program; *only*: solved by no "
        "other source alone.",
        _table(["source", *(label for label, _, _ in SOURCE_COLUMNS), "solved only by it"],
               [(name, *values) for name, values in source_rows(r)]),
        *([f"Solved only by {name}: {', '.join(t['solved_only_by_this'])}."
           for name, t in r["sources"].items() if t["solved_only_by_this"]] if len(r["sources"]) > 1 else []),
        *(["## Prompt kinds", "The same columns per prompt kind (model samples by the prompt they came from).",
            _table(["prompt kind", *(label for label, _, _ in SOURCE_COLUMNS), "solved only by it"],
                   [(name, *values) for name, values in source_rows({"sources": r["prompt_kinds"]})])]
          if r.get("prompt_kinds") else []),
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
