"""Repair rounds at equal compute: 0 vs 1 vs 2 rounds against more fresh samples, same tokens.

One ``omni infer --repair-rounds R`` run holds every variant: round r only depends on rounds
before it, so "r rounds" is the run's samples of rounds 0..r. The baseline is one run without
repair and ``--baseline-factor`` times the samples; for each r it keeps the first k samples of
every task (sample order), the largest k whose generated tokens stay within those of "r rounds"
(all tasks together). Reported per r: generated tokens, tasks with a verified program, tasks
solved (pass@2 of the vote), and the same for the token-matched baseline.

    python benchmarks/repair_rounds.py --model models/omni-smollm2 --dataset arc-agi-1/training
        --tasks ID,ID,... -n 8 --rounds 2 --repair-top 4 --repair-samples 2 -o runs/bench/repair
        [--backend vllm] [--baseline-factor 3] [--json]

Both runs resume like ``omni infer``. Numbers depend on the model: run it with a trained one.
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from omni_arc.evaluate.budget import first_k, matched_k, solved_tasks, tokens


def _solved(rows_by_task: Mapping[str, Sequence[Mapping[str, Any]]], solutions: Mapping[str, list]) -> tuple[int, int]:
    """(tasks with a verified row, tasks solved by voting) over ``rows_by_task``."""
    verified, solved = solved_tasks(rows_by_task, solutions)
    return len(verified), len(solved)


def equal_compute_table(repair: Mapping[str, Sequence[Mapping[str, Any]]],
                        baseline: Mapping[str, Sequence[Mapping[str, Any]]],
                        solutions: Mapping[str, list], rounds: int) -> list[dict[str, Any]]:
    """One row per number of repair rounds 0..``rounds``: the repair run's prefix and the baseline
    at the same generated tokens."""
    from omni_arc.evaluate.repair import sample_round

    table = []
    for r in range(rounds + 1):
        prefix = {t: [x for x in rows if sample_round(x) <= r] for t, rows in repair.items()}
        spent = tokens(prefix)
        k = matched_k(baseline, spent)
        base = first_k(baseline, k)
        verified, solved = _solved(prefix, solutions)
        b_verified, b_solved = _solved(base, solutions)
        table.append({"rounds": r, "tokens": spent, "samples": sum(map(len, prefix.values())),
                      "tasks_with_verified": verified, "tasks_solved": solved,
                      "baseline_samples_per_task": k, "baseline_tokens": tokens(base),
                      "baseline_tasks_with_verified": b_verified, "baseline_tasks_solved": b_solved})
    return table


def _rows(out: Path) -> dict[str, list[dict[str, Any]]]:
    from omni_arc.io import read_jsonl

    by: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(out / "results.jsonl"):
        by.setdefault(row["task_id"], []).append(row)
    return by


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--adapter")
    ap.add_argument("--dataset", "-d", default="arc-agi-1/training")
    ap.add_argument("--tasks")
    ap.add_argument("--limit", type=int)
    ap.add_argument("-n", "--predictions-per-task", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--repair-top", type=int, default=4)
    ap.add_argument("--repair-samples", type=int, default=2)
    ap.add_argument("--baseline-factor", type=int, default=3)
    ap.add_argument("--augmentations-per-task", type=int, default=2)
    ap.add_argument("--backend")
    ap.add_argument("--max-tokens", type=int, default=512)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--output-dir", "-o", type=Path, default=Path("runs/bench/repair"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from infer.run import InferConfig, run_inference
    from omni_arc.data import load_dataset
    from omni_arc.models import resolve_model

    common = dict(model=resolve_model(args.model).resolve(), dataset=args.dataset,
                  adapter=Path(args.adapter).resolve() if args.adapter else None,
                  tasks=args.tasks.split(",") if args.tasks else None, limit=args.limit,
                  backend=args.backend, max_tokens=args.max_tokens, seed=args.seed,
                  augmentations_per_task=args.augmentations_per_task)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    repair_out, base_out = args.output_dir / "repair", args.output_dir / "baseline"
    run_inference(InferConfig(output=repair_out, predictions_per_task=args.predictions_per_task,
                              repair_rounds=args.rounds, repair_top=args.repair_top,
                              repair_samples=args.repair_samples, **common))
    run_inference(InferConfig(output=base_out, predictions_per_task=args.predictions_per_task * args.baseline_factor,
                              **common))
    tasks = load_dataset(args.dataset)
    repair, baseline = _rows(repair_out), _rows(base_out)
    solutions = {t: [p.output.tolist() for p in tasks[t].test] for t in repair}
    table = equal_compute_table(repair, baseline, solutions, args.rounds)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    if args.json:
        print(json.dumps(table, indent=1))
        return
    print("| repair rounds | tokens | verified tasks | solved | baseline samples/task | baseline tokens "
          "| baseline verified | baseline solved |")
    print("|---|---|---|---|---|---|---|---|")
    for r in table:
        print(f"| {r['rounds']} | {r['tokens']} | {r['tasks_with_verified']} | {r['tasks_solved']} | "
              f"{r['baseline_samples_per_task']} | {r['baseline_tokens']} | {r['baseline_tasks_with_verified']} | "
              f"{r['baseline_tasks_solved']} |")
    if table[-1]["baseline_samples_per_task"] >= args.predictions_per_task * args.baseline_factor:
        print("note: the baseline ran out of samples before matching the tokens; raise --baseline-factor")


if __name__ == "__main__":
    main()
