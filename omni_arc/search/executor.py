"""A trusted batched executor for OUR OWN programs (library sources and search compositions).

This is *not* the security sandbox (model programs keep :mod:`omni_arc.sandbox`): it trusts the
code it runs and only guards against slow, greedy or crashing programs. A few long-lived forked
worker processes each run whole jobs (e.g. every candidate program of one task); inside a job
every program call goes through :meth:`Guard.call`, which

- enforces a per-call CPU-time limit (``setitimer(ITIMER_PROF)``: the alarm raises inside the
  program, which is abandoned),
- records which call is running in shared memory, so that when a worker dies (segfault, killed
  for memory) or hangs in C code past a wall-clock limit the parent knows the culprit, restarts
  the worker, and re-runs the job skipping that call.

Each worker's address space is capped with ``RLIMIT_AS`` (its size at start plus ``memory_mb``),
so a greedy program gets a ``MemoryError`` instead of taking the machine down.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_connections
from typing import Any, Callable, Iterable, Iterator

LABEL_BYTES = 200
MAX_CRASHES_PER_JOB = 6


class ProgramTimeout(BaseException):
    """Raised inside a program when its CPU-time limit expires (a BaseException: programs cannot swallow it)."""


TIMEOUT = "timeout"
ERROR = "error"


@dataclass
class Outcome:
    """What one guarded call gave: ``ok`` with ``value``, or ``timeout``/``error`` with ``detail``."""

    status: str
    value: Any = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class JobResult:
    """The result of one job: ``value`` is what the job function returned (None on failure)."""

    key: Any
    value: Any = None
    error: str | None = None  # one line when the job itself failed (after retries)
    culprits: list[tuple[str, str]] = field(default_factory=list)  # (call label, why) per crash
    seconds: float = 0.0


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise ProgramTimeout()


class Guard:
    """Runs program calls inside a worker with a CPU-time limit and crash bookkeeping."""

    def __init__(self, timeout_s: float, state, label, skip: frozenset = frozenset()):
        self.timeout_s = timeout_s
        self._state = state  # shared doubles: [call sequence number, call start (monotonic), busy, call start (CPU)]
        self._label = label
        self.skip = skip  # sequence numbers and keys of calls that crashed this job before
        self.seq = 0
        self.calls = 0
        self.timeouts = 0

    def call(self, label: str, fn: Callable, *args, key: str | None = None) -> Outcome:
        """Run ``fn(*args)`` under the CPU-time limit. A call that crashed this job before (same
        sequence number, or same ``key``: e.g. the same program under another input step) is skipped."""
        seq = self.seq
        self.seq += 1
        key = label if key is None else key
        if seq in self.skip or key in self.skip:
            return Outcome(ERROR, detail="skipped: crashed the worker before")
        raw = f"{key}\x1f{label}".encode("utf-8", "replace")[: LABEL_BYTES - 1]
        ctypes.memmove(self._label, raw + b"\0", len(raw) + 1)
        self._state[0] = seq
        self._state[1] = time.monotonic()
        self._state[3] = time.process_time()
        self._state[2] = 1.0
        self.calls += 1
        try:
            try:
                signal.setitimer(signal.ITIMER_PROF, self.timeout_s)
                value = fn(*args)
            finally:  # disarmed before any handler below runs: a late alarm cannot escape them
                signal.setitimer(signal.ITIMER_PROF, 0)
                self._state[2] = 0.0
        except ProgramTimeout:
            self.timeouts += 1
            return Outcome(TIMEOUT, detail=f"over {self.timeout_s:g} s of CPU time")
        except RecursionError:
            return Outcome(ERROR, detail="RecursionError")
        except Exception as e:  # noqa: BLE001 - any failure of a program is its outcome
            return Outcome(ERROR, detail=f"{type(e).__name__}: {e}"[:200])
        return Outcome("ok", value)


_TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (no orphans left running a job)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(conn, state, label, timeout_s: float, memory_mb: int | None,
                 initializer: Callable | None, initargs: tuple) -> None:
    """A worker: set limits, run the initializer, then run jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _die_with_parent()
    signal.signal(signal.SIGPROF, _on_alarm)
    if initializer is not None:
        initializer(*initargs)
    if memory_mb:
        limit = _vm_bytes() + memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        job_id, fn, args, skip = msg
        guard = Guard(timeout_s, state, label, frozenset(skip))
        try:
            value = fn(guard, *args)
            reply = (job_id, value, None)
        except MemoryError:
            reply = (job_id, None, "MemoryError outside a guarded call")
        except ProgramTimeout:
            reply = (job_id, None, "a CPU-time alarm fired outside a guarded call")
        except Exception as e:  # noqa: BLE001 - reported to the parent as one line
            where = traceback.extract_tb(e.__traceback__)[-1]
            reply = (job_id, None, f"{type(e).__name__}: {e} ({os.path.basename(where.filename)}:{where.lineno})")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Slot:
    """One worker process and what it is doing."""

    def __init__(self, proc, conn, state, label):
        self.proc, self.conn, self.state, self.label = proc, conn, state, label
        self.job: tuple | None = None  # (job_id, fn, args, skip) in flight
        self.started = 0.0


class TrustedPool:
    """Long-lived forked workers running guarded jobs; see the module docstring.

    ``map_unordered(fn, items)`` calls ``fn(guard, *args)`` in a worker for each ``(key, args)``
    item and yields a :class:`JobResult` per item as jobs finish. A worker that dies or hangs
    (a call using more than ``hang_cpu_s`` of CPU — stuck in C code where the alarm cannot
    interrupt it — or running longer than ``hang_s`` of wall time) is killed and replaced; its job
    is run again with the culprit call skipped (at most :data:`MAX_CRASHES_PER_JOB` times).
    """

    def __init__(self, workers: int | None = None, timeout_s: float = 1.0, memory_mb: int | None = 2048,
                 hang_s: float = 300.0, hang_cpu_s: float | None = None, initializer: Callable | None = None,
                 initargs: tuple = ()):
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers or max(1, len(os.sched_getaffinity(0)))
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.hang_s = hang_s
        self.hang_cpu_s = hang_cpu_s if hang_cpu_s is not None else 10 * timeout_s + 2.0
        self._init = (initializer, initargs)
        self._ctx = mp.get_context("fork")
        self._slots: list[_Slot] = []
        self.restarts = 0
        self.culprits: list[tuple[Any, str, str]] = []  # (job key, call label, why)

    def __enter__(self) -> "TrustedPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- workers --------------------------------------------------------------------------------
    def _spawn(self) -> _Slot:
        parent, child = self._ctx.Pipe(duplex=True)
        state = self._ctx.RawArray(ctypes.c_double, 4)
        label = self._ctx.RawArray(ctypes.c_char, LABEL_BYTES)
        proc = self._ctx.Process(target=_worker_main, daemon=True,
                                 args=(child, state, label, self.timeout_s, self.memory_mb, *self._init))
        proc.start()
        child.close()
        return _Slot(proc, parent, state, label)

    @staticmethod
    def _reap(slot: _Slot, graceful: bool) -> None:
        if graceful and slot.proc.is_alive():
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            slot.proc.join(2.0)
        if slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join(5.0)
        slot.conn.close()

    def close(self) -> None:
        """Stop every worker and reap it."""
        slots, self._slots = self._slots, []
        for slot in slots:
            self._reap(slot, graceful=slot.job is None)

    @property
    def worker_pids(self) -> list[int]:
        return [s.proc.pid for s in self._slots]

    # -- jobs -----------------------------------------------------------------------------------
    def map_unordered(self, fn: Callable, items: Iterable[tuple[Any, tuple]]) -> Iterator[JobResult]:
        """Run ``fn(guard, *args)`` for every ``(key, args)``; yield results as they finish."""
        todo: deque = deque()
        it = iter(items)
        keys: dict[int, Any] = {}
        crashes: dict[int, list[tuple[str, str]]] = {}
        started: dict[int, float] = {}
        next_id = 0
        exhausted = False
        while not self._slots or len(self._slots) < self.workers:
            self._slots.append(self._spawn())
        in_flight = 0
        while True:
            for slot in self._slots:  # hand out work
                if slot.job is not None:
                    continue
                if not todo and not exhausted:
                    try:
                        key, args = next(it)
                    except StopIteration:
                        exhausted = True
                    else:
                        keys[next_id] = key
                        crashes[next_id] = []
                        started[next_id] = time.monotonic()
                        todo.append((next_id, fn, tuple(args), frozenset()))
                        next_id += 1
                if not todo:
                    break
                job = todo.popleft()
                try:
                    slot.conn.send(job)
                except (BrokenPipeError, OSError):
                    todo.appendleft(job)
                    self._replace(slot)
                    continue
                slot.job, slot.started = job, time.monotonic()
                in_flight += 1
            if in_flight == 0 and not todo and exhausted:
                return
            ready = wait_connections([s.conn for s in self._slots if s.job is not None]
                                     + [s.proc.sentinel for s in self._slots if s.job is not None], timeout=0.25)
            for slot in list(self._slots):
                if slot.job is None:
                    continue
                job_id = slot.job[0]
                if slot.conn in ready:
                    try:
                        rid, value, error = slot.conn.recv()
                    except (EOFError, OSError):
                        rid = None
                    if rid == job_id:
                        slot.job = None
                        in_flight -= 1
                        yield JobResult(keys.pop(job_id), value, error, crashes.pop(job_id),
                                        time.monotonic() - started.pop(job_id))
                        continue
                why = None
                if not slot.proc.is_alive() or slot.proc.sentinel in ready or slot.conn in ready:
                    slot.proc.join(1.0)
                    code = slot.proc.exitcode
                    why = (f"killed by signal {-code}" if code is not None and code < 0
                           else f"exited with code {code}")
                elif slot.state[2]:
                    if time.monotonic() - slot.state[1] > self.hang_s:
                        why = f"hung for over {self.hang_s:g} s"
                    elif _process_cpu(slot.proc.pid) - slot.state[3] > self.hang_cpu_s:
                        why = f"stuck for over {self.hang_cpu_s:g} s of CPU time"
                if why is None:
                    continue
                seq = int(slot.state[0]) if slot.state[2] else -1
                key, label = "(job)", "(job)"
                if seq >= 0:
                    key, _, label = bytes(slot.label).split(b"\0", 1)[0].decode("utf-8", "replace").partition("\x1f")
                job = slot.job
                slot.job = None
                in_flight -= 1
                self._replace(slot)
                crashes[job_id].append((label, why))
                self.culprits.append((keys[job_id], label, why))
                if seq < 0 or len(crashes[job_id]) >= MAX_CRASHES_PER_JOB:
                    yield JobResult(keys.pop(job_id), None, f"worker {why} ({label})", crashes.pop(job_id),
                                    time.monotonic() - started.pop(job_id))
                else:
                    todo.appendleft((job_id, job[1], job[2], job[3] | {seq, key}))

    def _replace(self, slot: _Slot) -> None:
        self.restarts += 1
        self._reap(slot, graceful=False)
        self._slots[self._slots.index(slot)] = self._spawn()

    def run(self, fn: Callable, *args) -> JobResult:
        """Run one job and wait for it."""
        return next(iter(self.map_unordered(fn, [(None, args)])))
