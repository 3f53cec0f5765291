"""Sandbox throughput on a failing workload: library programs run on *other* training tasks.

Model samples and search candidates mostly fail; this workload is made of such candidates: each
is a library solution (the source of its ``task``) paired with a different ARC-AGI-1 training
task, so ~99% of them fail, most on their first train pair. It compares, in the same run and
with the same number of processes:

- ``omni verify``'s path: :class:`omni_arc.verify.Verifier` (sandboxed workers, train outputs as
  expected outputs so a run stops at its first wrong train output, results.jsonl written);
- an unisolated in-process loop with the same early exit and the same CPU limit per program
  (one plain process per worker, each running its share of the candidates): the ceiling.

``--calibrate`` measures what the default timeout is derived from: the CPU time of every library
solution on every train and test input of its own task (in-process, after one warm-up call).

    python benchmarks/sandbox_failing.py [--candidates 2000] [--workers N] [--seed 0]
    python benchmarks/sandbox_failing.py --calibrate
"""
from __future__ import annotations

import argparse
import os
import signal
import tempfile
import time
import warnings
from collections import Counter
from multiprocessing import Pool

import numpy as np

TARGET_RATE = 200.0  # candidates/s with full isolation on 2 cores (issue: ~125/s before, ~204/s unisolated)
DATASET = "arc-agi-1/training"


def _library() -> dict[str, str]:
    from omni_arc.library import library_ids, load_solution

    return {tid: load_solution(tid).source for tid in library_ids()}


def make_candidates(n: int, seed: int, task_ids: list[str], sources: dict[str, str]) -> list[dict]:
    """``n`` distinct (library source, other task) candidates, drawn without replacement."""
    rng = np.random.default_rng(seed)
    ids = sorted(sources)
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < min(n, len(ids) * (len(task_ids) - 1)):
        src = ids[rng.integers(len(ids))]
        tid = task_ids[rng.integers(len(task_ids))]
        if tid != src:
            pairs.add((src, tid))
    return [{"task_id": tid, "code": sources[src], "candidate_id": f"{src}@{tid}", "source": "library"}
            for src, tid in sorted(pairs)]


# --- the unisolated ceiling ---------------------------------------------------------------------

class _Timeout(BaseException):
    pass


def _on_prof(*_):
    raise _Timeout


_TASKS: dict = {}


def _init_in_process() -> None:
    from omni_arc.data import load_dataset

    _TASKS.update(load_dataset(DATASET))
    signal.signal(signal.SIGPROF, _on_prof)


def _run_in_process(job: tuple[list[dict], float]) -> tuple[Counter, float]:
    """Judge candidates in this process: train pairs in order, stop at the first wrong or failed
    output, test inputs only when every train pair passed; ``timeout_s`` CPU seconds each.
    Returns the statuses and the CPU seconds it took."""
    from omni_arc.program import namespace

    cands, timeout_s = job
    counts: Counter = Counter()
    cpu = time.process_time()
    for cand in cands:
        task = _TASKS[cand["task_id"]]
        status = "verified"
        signal.setitimer(signal.ITIMER_PROF, timeout_s)
        try:
            ns = namespace()
            exec(compile(cand["code"], "<program>", "exec"), ns)
            fn = ns["task"]
            for pair in task.train:
                out = np.asarray(fn(pair.input.copy()))
                if out.shape != pair.output.shape or not np.array_equal(out, pair.output):
                    status = "wrong_output"
                    break
            else:
                for pair in task.test:
                    fn(pair.input.copy())
        except _Timeout:
            status = "timeout"
        except Exception:  # noqa: BLE001
            status = "exception"
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        counts[status] += 1
    return counts, time.process_time() - cpu


def run_in_process(cands: list[dict], workers: int, timeout_s: float) -> tuple[float, Counter, float]:
    """Wall seconds, statuses, CPU seconds."""
    shards = [(cands[i::workers], timeout_s) for i in range(workers)]
    with Pool(workers, initializer=_init_in_process) as pool:
        pool.map(_run_in_process, [([], timeout_s)] * workers)  # start-up and imports, not timed
        t = time.perf_counter()
        parts = pool.map(_run_in_process, shards, chunksize=1)
        dt = time.perf_counter() - t
    return dt, sum((c for c, _ in parts), Counter()), sum(cpu for _, cpu in parts)


# --- omni verify's path -------------------------------------------------------------------------

def _tree_cpu(pids: list[int]) -> float:
    """CPU seconds of these processes and of their reaped children (the sandboxed runs)."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def run_verify(cands: list[dict], tasks: dict, workers: int, timeout_s: float
               ) -> tuple[float, Counter, dict, float]:
    """Wall seconds, statuses, the sandbox's protection, CPU seconds (parent + workers + children)."""
    from omni_arc.sandbox import Executor
    from omni_arc.verify import Verifier

    with tempfile.TemporaryDirectory() as out, Executor(workers=workers, timeout_s=timeout_s) as ex:
        ex.run_many([("def task(g):\n    return g", [np.zeros((1, 1), int)])] * 1)  # started
        pids = ex.worker_pids
        c0, k0 = time.process_time(), _tree_cpu(pids)
        t = time.perf_counter()
        with Verifier(tasks, out, progress=False, executor=ex) as v:
            v.add(cands)
            summary = v.finish()
        dt = time.perf_counter() - t
        cpu = time.process_time() - c0 + _tree_cpu(pids) - k0
        info = ex.info
        if ex.worker_restarts:
            raise SystemExit("a worker died during the benchmark")
    return dt, Counter({k: n for k, n in summary["statuses"].items() if n}), info, cpu


# --- calibration ----------------------------------------------------------------------------------

def calibrate(multiple: float) -> None:
    from omni_arc.data import load_dataset
    from omni_arc.library import library_ids, load_solution

    tasks = load_dataset(DATASET)
    per_input, per_task = [], []
    for tid in library_ids():
        fn = load_solution(tid).task
        inputs = [p.input for p in tasks[tid].train + tasks[tid].test]
        fn(inputs[0].copy())  # warm-up (lazy imports, caches)
        times = []
        for g in inputs:
            c = time.process_time()
            fn(g.copy())
            times.append(time.process_time() - c)
        per_input += [(t, tid) for t in times]
        per_task.append((sum(times), tid, len(times)))
    per_input.sort(reverse=True)
    per_task.sort(reverse=True)
    q = np.quantile([t for t, _ in per_input], [0.5, 0.99])
    print(f"library: {len(per_task)} solutions, {len(per_input)} inputs (train + test), in-process CPU time")
    print(f"per input: median {1e3 * q[0]:.2f} ms, p99 {1e3 * q[1]:.1f} ms, slowest "
          + ", ".join(f"{tid} {1e3 * t:.1f} ms" for t, tid in per_input[:3]))
    print("per task (all its inputs): slowest " + ", ".join(f"{tid} {1e3 * t:.1f} ms ({k} inputs)"
                                                          for t, tid, k in per_task[:3]))
    worst = per_task[0][0]
    print(f"default timeout = {multiple:g} x slowest task = {multiple * worst:.2f} s of CPU per program "
          f"(all its inputs); omni_arc.sandbox.executor.DEFAULT_TIMEOUT_S rounds it up")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=None, help="CPU s per program [DEFAULT_TIMEOUT_S]")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--multiple", type=float, default=10.0, help="--calibrate: timeout / slowest task")
    args = ap.parse_args()
    if args.calibrate:
        calibrate(args.multiple)
        return
    from omni_arc.data import load_dataset
    from omni_arc.sandbox.executor import DEFAULT_TIMEOUT_S

    timeout_s = args.timeout or DEFAULT_TIMEOUT_S
    warnings.simplefilter("ignore")  # numpy's warnings from programs run in-process
    tasks = load_dataset(DATASET)
    cands = make_candidates(args.candidates, args.seed, sorted(tasks), _library())
    load_before = os.getloadavg()
    vdt, vcounts, info, vcpu = run_verify(cands, tasks, args.workers, timeout_s)
    idt, icounts, icpu = run_in_process(cands, args.workers, timeout_s)
    load_after = os.getloadavg()
    vrate, irate = len(cands) / vdt, len(cands) / idt
    protection = {k: info.get(k) for k in ("chroot", "uid", "landlock", "signal_scope", "pid_namespace")}
    print(f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"candidates: {len(cands)} (library solutions on other {DATASET} tasks), workers: {args.workers}, "
          f"timeout {timeout_s:g} CPU s per program")
    print(f"omni verify statuses: {dict(vcounts)}")
    print(f"in-process statuses : {dict(icounts)}")
    print(f"omni verify (sandbox, {protection}): {vrate:7.1f} candidates/s ({vdt:.2f} s)")
    print(f"in-process, no isolation, early exit : {irate:7.1f} candidates/s ({idt:.2f} s)")
    print(f"ratio (sandbox / in-process): {vrate / irate:.2f}")
    n, cores = len(cands), os.cpu_count()
    print(f"CPU per candidate: sandbox {1e3 * vcpu / n:.2f} ms (parent, workers, children), in-process "
          f"{1e3 * icpu / n:.2f} ms; capacity of {cores} idle cores: sandbox {cores * n / vcpu:.0f}/s, "
          f"in-process {cores * n / icpu:.0f}/s, ratio {icpu / vcpu:.2f}")
    print(f"target >= {TARGET_RATE:.0f} candidates/s: {'met' if vrate >= TARGET_RATE else 'NOT met'}")


if __name__ == "__main__":
    main()
