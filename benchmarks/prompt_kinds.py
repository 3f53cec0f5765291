"""Prompt kinds at equal compute: plain (code from examples) against neighbours prompts.

Each arm is a model and a prompt kind (``--arm NAME=MODEL:KIND``, e.g. a model trained on plain
samples with ``code_from_examples`` against one trained with a ``data.kinds`` mix with
``neighbours``). Every arm samples ``-n`` programs per task with ``omni infer``; then every arm is
cut to the same generated tokens: the first k samples of every task (sample order), the largest k
within the smallest arm's total. Reported per arm: samples per task, generated tokens, tasks with a
verified program, tasks solved (pass@2 of the vote), and tasks solved that ``omni search``
(library transfer + compositions, run here on the same tasks) does not solve — what the model adds.

    python benchmarks/prompt_kinds.py --library-validation -n 8 -o runs/bench/kinds-val \
        --arm plain=runs/train/plain/merged:code_from_examples \
        --arm neighbours=runs/train/mix/merged:neighbours
    python benchmarks/prompt_kinds.py --demo-subset ...     # the demo's 40 ARC-AGI-1 evaluation tasks

``--library-validation`` is the library's held-out validation split (``data.val_fraction`` of
configs/cpu-default.yaml) on ARC-AGI-1 training; neighbours and search are leave-one-out there (a
task never sees its own program or its same-rule group's). All runs resume like ``omni infer``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from omni_arc.evaluate.budget import first_k, matched_k, solved_tasks, tokens  # noqa: E402


def library_validation_ids() -> list[str]:
    """The library's validation split under the CPU default config (held out from training)."""
    from omni_arc.library import library_ids
    from train.config import load_config
    from train.dataset import split_task_ids

    cfg = load_config(ROOT / "configs" / "cpu-default.yaml")
    return sorted(split_task_ids(library_ids(), cfg.data.val_fraction, cfg.data.val_tasks)[1])


def demo_subset_ids(n: int = 40, seed: int = 2024) -> list[str]:
    """The demo's seeded subset of ARC-AGI-1 evaluation ids (tools/demo.py: ids only, never contents)."""
    from omni_arc.data import load_dataset, seeded_subset

    return seeded_subset(list(load_dataset("arc-agi-1/evaluation")), n, seed)


def _rows(out: Path) -> dict[str, list[dict[str, Any]]]:
    from omni_arc.io import read_jsonl

    by: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(out / "results.jsonl"):
        by.setdefault(row["task_id"], []).append(row)
    return by


def _dropped(out: Path) -> tuple[int, int]:
    """(prompt groups that dropped a near program, groups) of a run's candidates."""
    from omni_arc.io import read_jsonl

    groups: dict[tuple, int] = {}
    for c in read_jsonl(out / "candidates.jsonl"):
        groups[(c.get("task_id"), c.get("prompt_kind"), json.dumps(c.get("augmentation")))] = c.get("dropped_neighbours") or 0
    return sum(v > 0 for v in groups.values()), len(groups)


def equal_tokens_table(rows_by_arm: dict[str, dict[str, list]], solutions: dict[str, list],
                       search_solved: set[str]) -> list[dict[str, Any]]:
    """One row per arm, cut to the first k samples of every task within the smallest arm's tokens."""
    budget = min(tokens(r) for r in rows_by_arm.values())
    table = []
    for name, rows in rows_by_arm.items():
        k = matched_k(rows, budget)
        cut = first_k(rows, k)
        verified, solved = solved_tasks(cut, solutions)
        all_verified, all_solved = solved_tasks(rows, solutions)
        table.append({"arm": name, "samples_per_task": k, "tokens": tokens(cut),
                      "tasks_with_verified": len(verified), "tasks_solved": len(solved),
                      "solved_not_by_search": sorted(solved - search_solved), "full_tokens": tokens(rows),
                      "full_tasks_with_verified": len(all_verified), "full_tasks_solved": len(all_solved)})
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arm", action="append", required=True, help="NAME=MODEL:KIND")
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--library-validation", action="store_true")
    which.add_argument("--demo-subset", action="store_true")
    which.add_argument("--tasks", help="comma-separated ids of --dataset")
    ap.add_argument("--dataset", "-d", default=None)
    ap.add_argument("-n", "--predictions-per-task", type=int, default=8)
    ap.add_argument("--augmentations-per-task", type=int, default=2)
    ap.add_argument("--neighbours", type=int, default=3)
    ap.add_argument("--max-tokens", type=int, default=384)
    ap.add_argument("--backend")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--output-dir", "-o", type=Path, required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    for spec in args.arm:  # checked before any work
        name, _, rest = spec.partition("=")
        if not (name and all(rest.rpartition(":")[::2])):
            ap.error(f"--arm {spec!r}: expected NAME=MODEL:KIND, e.g. plain=runs/train/x/merged:code_from_examples")

    from infer.run import InferConfig, run_inference
    from omni_arc.data import load_dataset

    if args.library_validation:
        dataset, ids, loo = args.dataset or "arc-agi-1/training", library_validation_ids(), True
    elif args.demo_subset:
        dataset, ids, loo = args.dataset or "arc-agi-1/evaluation", demo_subset_ids(), False
    else:
        dataset, ids, loo = args.dataset or "arc-agi-1/training", args.tasks.split(","), True
    print(f"{len(ids)} tasks of {dataset}; load average at start: {os.getloadavg()[0]:.2f}", flush=True)

    search_out = args.output_dir / "search"
    argv = [sys.executable, "-m", "omni_arc", "search", "--dataset", dataset, "--tasks", ",".join(ids),
            "--output-dir", str(search_out)] + (["--leave-one-out"] if loo else [])
    start = time.monotonic()
    subprocess.run(argv, cwd=ROOT, check=True)
    search_s = time.monotonic() - start

    arms: dict[str, tuple[Path, float]] = {}
    for spec in args.arm:
        name, _, rest = spec.partition("=")
        model, _, kind = rest.rpartition(":")
        out = args.output_dir / name
        start = time.monotonic()
        run_inference(InferConfig(
            model=Path(model).resolve(), dataset=dataset, output=out, tasks=ids,
            predictions_per_task=args.predictions_per_task, augmentations_per_task=args.augmentations_per_task,
            prompt=[kind], neighbours=args.neighbours, leave_one_out=loo, backend=args.backend,
            max_tokens=args.max_tokens, seed=args.seed))
        arms[name] = (out, time.monotonic() - start)

    tasks = load_dataset(dataset)
    solutions = {t: [p.output.tolist() for p in tasks[t].test] for t in ids}
    _, search_solved = solved_tasks(_rows(search_out), solutions)
    table = equal_tokens_table({name: _rows(out) for name, (out, _) in arms.items()}, solutions, search_solved)
    for r in table:
        out, seconds = arms[r["arm"]]
        r["groups_dropping_neighbours"], r["groups"] = _dropped(out)
        r["infer_s"] = round(seconds)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    summary = {"dataset": dataset, "tasks": len(ids), "search_solved": len(search_solved),
               "search_s": round(search_s), "arms": table}
    if args.json:
        print(json.dumps(summary, indent=1))
        return
    print(f"omni search on the same {len(ids)} tasks: {len(search_solved)} solved ({search_s:.0f} s)")
    print("| arm | samples/task | tokens | verified tasks | solved | solved, not by search | "
          "all samples: tokens, verified, solved | groups dropping a near program | infer s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in table:
        print(f"| {r['arm']} | {r['samples_per_task']} | {r['tokens']} | {r['tasks_with_verified']} | "
              f"{r['tasks_solved']} | {len(r['solved_not_by_search'])} | {r['full_tokens']}, "
              f"{r['full_tasks_with_verified']}, {r['full_tasks_solved']} | "
              f"{r['groups_dropping_neighbours']}/{r['groups']} | {r['infer_s']} |")


if __name__ == "__main__":
    main()
