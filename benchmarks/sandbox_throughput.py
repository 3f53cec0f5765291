"""Sandbox throughput: programs/second for library-sized programs on 4-input jobs.

Compares, in the same run and with the same number of parallel processes:
- ``omni_arc.sandbox.Executor`` (fork-server workers, one confined child per program);
- a naive baseline: a fresh ``python`` process per program (imports numpy and the DSL each time).

Jobs are what the training data generator sends: a library solution (``task`` source) with four
fresh inputs from its ``generate_input`` (so no two jobs are identical and nothing is de-duplicated).

    python benchmarks/sandbox_throughput.py [--jobs 3000] [--baseline-jobs 60] [--workers N]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np

TARGET_RATE = 700.0
TARGET_RATIO = 30.0

BASELINE_RUNNER = r"""
import json, sys
import numpy as np
from omni_arc.dsl import *
job = json.load(sys.stdin)
ns = {"__name__": "omni_program"}
exec("import numpy as np\nfrom omni_arc.dsl import *\n", ns)
outs = []
try:
    exec(compile(job["code"], "<program>", "exec"), ns)
    for g in job["inputs"]:
        try:
            outs.append(np.asarray(ns["task"](np.array(g, dtype=np.int8))).tolist())
        except Exception:
            outs.append(None)
except Exception:
    outs = [None] * len(job["inputs"])
print(json.dumps(outs))
"""


def make_jobs(n: int, seed: int = 0) -> list[tuple[str, list[np.ndarray]]]:
    """``n`` (library source, 4 generated inputs) jobs, cycling through solutions with generators."""
    from omni_arc.library import library_ids, load_solution

    sols = []
    for tid in library_ids():
        try:
            s = load_solution(tid)
        except Exception:  # noqa: BLE001 - a broken file in the library is not this benchmark's concern
            continue
        if s.generate_input is not None:
            sols.append(s)
    if not sols:
        raise SystemExit("no library solution has generate_input; nothing to benchmark")
    rng = np.random.default_rng(seed)
    jobs = []
    i = 0
    while len(jobs) < n:
        s = sols[i % len(sols)]
        i += 1
        try:
            inputs = [np.asarray(s.generate_input(rng), dtype=np.int8) for _ in range(4)]
        except Exception:  # noqa: BLE001
            continue
        if all(g.ndim == 2 and 1 <= min(g.shape) and max(g.shape) <= 30 for g in inputs):
            jobs.append((s.source, inputs))
    return jobs, len(sols)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_sandbox(jobs, workers: int) -> tuple[float, list, int, float, float]:
    """Wall seconds, results, programs executed, and CPU seconds of the parent and of the sandbox
    (workers and their children, counted once the executor has reaped them)."""
    from omni_arc.sandbox import Executor

    warm = jobs[-2 * workers:]
    with Executor(workers=workers, timeout_s=2.0) as ex:
        ex.run_many(warm)  # the first fork of each worker
        c0, k0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        results = ex.run_many(jobs)
        dt = time.perf_counter() - t
        parent = _cpu(resource.RUSAGE_SELF) - c0
        executed = ex.executed - len(warm)
    sandbox = _cpu(resource.RUSAGE_CHILDREN) - k0  # includes the warm-up jobs (a few)
    return dt, results, executed, parent, sandbox


def run_in_process(jobs) -> float:
    """Seconds to run the jobs in this process with no isolation at all (one core): the cost of
    the programs themselves, a ceiling rather than an option."""
    from omni_arc.program import namespace

    t = time.perf_counter()
    for code, inputs in jobs:
        ns = namespace()
        try:
            exec(compile(code, "<program>", "exec"), ns)
            for g in inputs:
                try:
                    ns["task"](g.copy())
                except Exception:  # noqa: BLE001
                    pass
        except Exception:  # noqa: BLE001
            pass
    return time.perf_counter() - t


def run_baseline(jobs, workers: int) -> tuple[float, list]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(BASELINE_RUNNER)
        runner = f.name
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")

    def one(job):
        code, inputs = job
        payload = json.dumps({"code": code, "inputs": [g.tolist() for g in inputs]})
        p = subprocess.run([sys.executable, runner], input=payload, capture_output=True, text=True,
                           timeout=60, env=env)
        return json.loads(p.stdout) if p.returncode == 0 and p.stdout.strip() else None

    try:
        t = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            outs = list(pool.map(one, jobs))
        return time.perf_counter() - t, outs
    finally:
        os.unlink(runner)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=3000)
    ap.add_argument("--baseline-jobs", type=int, default=60)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    args = ap.parse_args()

    jobs, n_solutions = make_jobs(args.jobs)
    load_before = os.getloadavg()
    dt, results, executed, cpu_parent, cpu_sandbox = run_sandbox(jobs, args.workers)
    rate = len(jobs) / dt
    ijobs = jobs[:500]
    idt = run_in_process(ijobs)
    bjobs = jobs[: args.baseline_jobs]
    bdt, bouts = run_baseline(bjobs, args.workers)
    brate = len(bjobs) / bdt
    load_after = os.getloadavg()

    agree = sum(
        1 for r, b in zip(results, bouts)
        if b is not None and all((o is None and x is None) or (o is not None and x is not None and o.tolist() == x)
                                 for o, x in zip(r.outputs, b))
    )
    statuses = Counter(r.status for r in results)
    print(f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"jobs: {len(jobs)} (library solutions with generators: {n_solutions}; 4 inputs each), "
          f"workers: {args.workers}, executed after de-dup: {executed}")
    print(f"statuses: {dict(statuses)}")
    details = Counter(r.detail.split(" (line")[0][:100] for r in results if not r.ok)
    for detail, k in details.most_common(3):
        print(f"  {k} x {detail}")
    print(f"sandbox : {rate:8.1f} programs/s  ({dt:.2f} s for {len(jobs)})")
    print(f"baseline: {brate:8.1f} programs/s  ({bdt:.2f} s for {len(bjobs)}; fresh python per program, "
          f"{args.workers} in parallel)")
    print(f"ratio   : {rate / brate:8.1f}x")
    print(f"in-process exec, no isolation, 1 core: {len(ijobs) / idt:.1f} programs/s "
          f"({1e3 * idt / len(ijobs):.2f} ms per program: the programs' own cost)")
    per = (cpu_parent + cpu_sandbox) / len(jobs)
    print(f"CPU per program: parent {1e3 * cpu_parent / len(jobs):.2f} ms + workers and children "
          f"{1e3 * cpu_sandbox / len(jobs):.2f} ms = {1e3 * per:.2f} ms "
          f"(capacity of {os.cpu_count()} idle cores at this cost: {os.cpu_count() / per:.0f} programs/s)")
    print(f"outputs identical to the baseline on {agree}/{len(bjobs)} jobs")
    print(f"targets : >= {TARGET_RATE:.0f} programs/s: {'met' if rate >= TARGET_RATE else 'NOT met'}; "
          f">= {TARGET_RATIO:.0f}x: {'met' if rate / brate >= TARGET_RATIO else 'NOT met'}")


if __name__ == "__main__":
    main()
