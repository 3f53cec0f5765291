"""Nearness time per task: every library program scored on a task's train pairs (leave-one-out).

Compares, in the same run, on the same seeded tasks of ARC-AGI-1 training:
- the trusted fast path ``omni infer --prompt neighbours`` and training use
  (``omni_arc.neighbours.trusted_runner`` over ``omni_arc.search.executor.TrustedPool``: forked
  workers, 0.1 CPU-s per call);
- the sandbox runner (``omni_arc.neighbours.sandbox_runner``: one confined child per program,
  0.25 CPU-s per program on all of a task's train inputs);
- the in-process runner (one process, 0.1 CPU-s per call).

All must find the same neighbours. Prints seconds per task for each and the ratios.

    python benchmarks/nearness_time.py [--tasks 10] [--k 3] [--workers N] [--seed 0]
"""
from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=10)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # programs run on inputs they were not written for

    from omni_arc.data import load_dataset
    from omni_arc.library import library_ids
    from omni_arc.neighbours import (in_process_runner, library_programs, nearest_many, sandbox_runner,
                                     trusted_runner)

    arc = load_dataset("arc-agi-1/training")
    ids = sorted(np.random.default_rng(args.seed).choice(library_ids(), args.tasks, replace=False).tolist())
    tasks = [(tid, arc[tid].train) for tid in ids]
    programs = library_programs()

    with sandbox_runner(workers=args.workers) as run:
        t0 = time.perf_counter()
        boxed = nearness_ids(nearest_many(tasks, programs, run, args.k))
        sandbox_s = (time.perf_counter() - t0) / len(tasks)
    with trusted_runner(workers=args.workers) as run:
        run([("def task(grid):\n    return grid", [np.zeros((1, 1), dtype=np.int8)])])  # workers forked
        t0 = time.perf_counter()
        fast = nearness_ids(nearest_many(tasks, programs, run, args.k))
        trusted_s = (time.perf_counter() - t0) / len(tasks)
    t0 = time.perf_counter()
    local = nearness_ids(nearest_many(tasks, programs, in_process_runner(), args.k))
    in_process_s = (time.perf_counter() - t0) / len(tasks)
    agree = sum(boxed[t] == fast[t] == local[t] for t in ids)
    print(json.dumps({
        "tasks": len(ids), "programs": len(programs), "k": args.k,
        "trusted_s_per_task": round(trusted_s, 3), "sandbox_s_per_task": round(sandbox_s, 3),
        "in_process_s_per_task": round(in_process_s, 3),
        "sandbox_over_trusted": round(sandbox_s / trusted_s, 2), "in_process_over_trusted": round(in_process_s / trusted_s, 2),
        "same_neighbours": f"{agree}/{len(ids)}",
        "tasks_with_k_neighbours": sum(len(v) == args.k for v in boxed.values()),
        "tasks_without_neighbours": sum(not v for v in boxed.values()),
        "example": {ids[0]: boxed[ids[0]]},
    }, indent=1))


def nearness_ids(found: dict) -> dict[str, list[str]]:
    return {tid: [n.program.program_id for n in near] for tid, near in found.items()}


if __name__ == "__main__":
    main()
