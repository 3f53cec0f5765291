"""Library-transfer throughput: the trusted batched path of `omni search` against the sandbox.

The workload is library transfer: every library program on the train inputs of ARC-AGI-1
*training* tasks (a task × program pair is one program). In the same run it measures

- the trusted path (``omni_arc.search``: forked workers, many programs per process, early exit
  at the first wrong train output, CPU-time limit per program) on ``--tasks`` tasks × all programs;
- the per-program sandbox (``omni_arc.sandbox.Executor``, what `omni verify` uses for model
  programs) on a random sample of ``--sandbox-pairs`` of the same pairs,

and prints programs/s of both and the ratio, with the machine's load (it is shared).

    python benchmarks/search_throughput.py [--tasks 40] [--sandbox-pairs 400] [--workers 2]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import time

import numpy as np

DATASET = "arc-agi-1/training"
TARGET_PAIRS = 151_600  # 400 tasks x 379 programs: the full library transfer
TARGET_S = 300.0


def _cpu() -> float:
    """CPU seconds of this process and of its reaped children (the workers, once closed)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def trusted(tasks, library, workers: int, timeout_s: float) -> tuple[float, int, int, float]:
    """Wall seconds, pairs run, tasks with a program reproducing every train pair, CPU seconds (all processes)."""
    from omni_arc.search.compose import load_programs, search_task
    from omni_arc.search.executor import TrustedPool
    from omni_arc.search.search import SearchConfig, make_job

    cfg = SearchConfig(library_only=True, budget_s=1e9, timeout_s=timeout_s)
    jobs = [(t.id, (make_job(t, library, cfg),)) for t in tasks]
    c0 = _cpu()
    with TrustedPool(workers, timeout_s=timeout_s, initializer=load_programs, initargs=(library.sources,)) as pool:
        start = time.perf_counter()
        results = list(pool.map_unordered(search_task, jobs))
        dt = time.perf_counter() - start
    cpu = _cpu() - c0
    pairs = sum(r.value["probes"] for r in results if r.value)
    hits = sum(bool(r.value and r.value["groups"]) for r in results)
    return dt, pairs, hits, cpu


def sandboxed(tasks, library, n: int, workers: int, seed: int) -> tuple[float, int, float]:
    """Wall seconds, pairs and CPU seconds (all processes) for a random sample of the same pairs
    through the sandbox."""
    from omni_arc.sandbox import Executor

    pairs = [(t, pid) for t in tasks for pid in sorted(library.sources)]
    sample = random.Random(seed).sample(pairs, min(n, len(pairs)))
    jobs = [(library.sources[pid], [p.input for p in t.train]) for t, pid in sample]
    c0 = _cpu()
    with Executor(workers=workers, timeout_s=2.0) as ex:
        start = time.perf_counter()
        ex.run_many(jobs)
        dt = time.perf_counter() - start
    return dt, len(jobs), _cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=40, help="training tasks for the trusted path (400: all)")
    ap.add_argument("--sandbox-pairs", type=int, default=400, help="sampled task x program pairs for the sandbox")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--timeout", type=float, default=0.15, help="CPU seconds per program (trusted path)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from omni_arc.data import load_dataset
    from omni_arc.search.search import Library

    everything = load_dataset(DATASET)
    tasks = [everything[t] for t in sorted(everything)[: args.tasks]]
    library = Library.load()
    load_before = os.getloadavg()
    dt, pairs, hits, cpu = trusted(tasks, library, args.workers, args.timeout)
    sdt, spairs, scpu = sandboxed(tasks, library, args.sandbox_pairs, args.workers, args.seed)
    load_after = os.getloadavg()

    rate, srate = pairs / dt, spairs / sdt
    print(f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; "
          f"workers: {args.workers}")
    print(f"workload: library transfer on {len(tasks)} {DATASET} tasks x {len(library.sources)} programs")
    per, sper = cpu / max(pairs, 1), scpu / max(spairs, 1)
    print(f"trusted : {rate:9.1f} programs/s  ({pairs} pairs in {dt:.1f} s; CPU {cpu:.1f} s = "
          f"{1e3 * per:.2f} ms per pair; {hits} tasks with a program right on every train pair)")
    print(f"sandbox : {srate:9.1f} programs/s  ({spairs} sampled pairs in {sdt:.1f} s; CPU {scpu:.1f} s = "
          f"{1e3 * sper:.2f} ms per pair)")
    print(f"ratio   : {rate / srate:9.1f}x programs/s, {sper / per:.1f}x CPU per pair")
    full = TARGET_PAIRS / rate
    idle = TARGET_PAIRS * per / args.workers
    print(f"full library transfer ({TARGET_PAIRS} pairs): {full:.0f} s at this rate, {idle:.0f} s on "
          f"{args.workers} idle cores at this CPU cost; target <= {TARGET_S:.0f} s: "
          f"{'met' if full <= TARGET_S else 'NOT met at this load'}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
