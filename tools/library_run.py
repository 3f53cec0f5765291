"""The library as a run: verify every library solution on its ARC-AGI-1 training task and evaluate
the result, which must score 100% — a check that sandbox, verification, voting and scoring are exact.

    python tools/library_run.py [--output-dir runs/library] [--tasks ID,ID] [--html-tasks N] [--tokenizer DIR]

Writes candidates.jsonl (one candidate per solution: the source of its ``task`` function, as the
model would write it), run.json, then results.jsonl / submission.json through
:class:`omni_arc.verify.Verifier`, then the `omni evaluate` report files. Exits with 1 and lists
the tasks that are not fully solved when the score is below 100%.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from omni_arc.library import SOURCE_DATASET as DATASET


def library_candidates(task_ids: list[str]) -> list[dict]:
    """One candidate per library solution: the exact source of its ``task`` function."""
    from omni_arc.library import load_solution

    return [{"task_id": tid, "candidate_id": f"{tid}-library", "sample_index": 0, "source": "library",
             "code": load_solution(tid).source} for tid in task_ids]


def library_run(out: Path, only: list[str] | None = None, html_tasks: int = 20, tokenizer: Path | None = None):
    """Build, verify and evaluate the library run in ``out``; returns the :class:`Evaluation`."""
    from omni_arc.data import dataset_hash, dataset_source, load_dataset
    from omni_arc.errors import UserError
    from omni_arc.evaluate import evaluate_run
    from omni_arc.io import atomic_write_json, atomic_write_jsonl
    from omni_arc.library import library_ids
    from omni_arc.verify import Verifier

    tasks = load_dataset(DATASET)
    ids = [t for t in library_ids() if t in tasks]
    if only:
        unknown = sorted(set(only) - set(ids))
        if unknown:
            raise UserError(f"--tasks: {unknown[0]} has no library solution among {DATASET} tasks")
        ids = [t for t in ids if t in set(only)]
    if not ids:
        raise UserError(f"the library has no solution for a task of {DATASET}")
    out.mkdir(parents=True, exist_ok=True)
    candidates = library_candidates(ids)
    atomic_write_jsonl(out / "candidates.jsonl", candidates)
    for stale in ("results.jsonl", "submission.json"):  # the library is re-verified from scratch
        (out / stale).unlink(missing_ok=True)

    start = time.perf_counter()
    with Verifier({t: tasks[t] for t in ids}, out) as verifier:
        verifier.add(candidates)
        verifier.finish()
    elapsed = time.perf_counter() - start
    meta_path = out / "run.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    meta.update({"model": "library", "adapter": None, "dataset": DATASET, "backend": "library",
                 "dataset_source": dataset_source(DATASET), "dataset_hash": dataset_hash(tasks),
                 "params": {"tasks": len(ids)}})
    meta.setdefault("timings", {"generation_s": 0.0, "verification_s": elapsed, "total_s": elapsed})
    meta.setdefault("programs_per_s", len(ids) / elapsed if elapsed else None)
    atomic_write_json(meta_path, meta, indent=1)
    return evaluate_run(out, DATASET, html_tasks=html_tasks, tokenizer=tokenizer)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output-dir", "-o", dest="out", type=Path, default=Path("runs/library"),
                        help="run directory to write")
    parser.add_argument("--tasks", help="only these library task ids (comma-separated)")
    parser.add_argument("--html-tasks", type=int, default=20, help="tasks shown in report.html")
    parser.add_argument("--tokenizer", type=Path, help="tokenizer folder (default: models/smollm2-135m)")
    args = parser.parse_args(argv)

    from omni_arc.errors import UserError

    try:
        ev = library_run(args.out, [t for t in args.tasks.split(",") if t] if args.tasks else None, args.html_tasks, args.tokenizer)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    r = ev.report
    print(f"library run: {r['n_tasks']} tasks, ARC score {100 * r['score']['arc_prize']:.1f}%, "
          f"{r['score']['tasks_solved']} solved, {r['verification']['tasks_with_verified']} with a verified "
          f"program; report in {args.out}")
    failing = [t for t in r["tasks"] if t["score"] < 1.0]
    for t in failing:
        print(f"  not solved: {t['task_id']} (statuses {t['statuses']})", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
