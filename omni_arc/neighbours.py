"""Nearness: which known programs come closest to a task's train pairs.

A *neighbour* of a task is a program (a library solution, or a search candidate of a run) scored
on the task's train pairs: how many outputs have the right shape, the share of all expected cells
it gets right, and which pairs it reproduces exactly. :func:`nearest` keeps the ``k`` best
*distinct* programs (distinct source, and distinct outputs on the pairs: two programs that agree on
every pair say the same thing, the shorter one is kept). Leave-one-out (:func:`excluded_ids`)
removes a library task's own program and its same-rule group, so that training teaches adapting a
near program rather than copying the answer.

Programs run through an injectable :data:`ProgramRunner` -- ``run(jobs)`` with jobs ``(source,
inputs)``, one result per job: a list of output grids (``None`` where the program failed), or an
object with such an ``outputs`` list (:class:`omni_arc.sandbox.ExecResult`). Library programs and
search candidates are our own code, so the default is the trusted fast path
(:func:`trusted_runner` over :class:`omni_arc.search.executor.TrustedPool`); :func:`sandbox_runner`
confines each program, and :func:`in_process_runner` serves tests.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from omni_arc.data import Pair, grid_problem

Job = tuple[str, list[np.ndarray]]
ProgramRunner = Callable[[list[Job]], list[Any]]
DEFAULT_K = 3


@dataclass(frozen=True)
class Program:
    """A program that may be a neighbour: an id (library task id or candidate id) and its source."""

    program_id: str
    source: str
    origin: str = "library"  # "library" or "search"


@dataclass(frozen=True)
class Nearness:
    """How close one program's outputs come to a task's train outputs."""

    program: Program
    n_pairs: int
    shapes_right: int  # pairs whose output has the expected shape
    cells_right: int  # cells equal to the expected ones, over all pairs (0 for a wrong shape)
    cells_total: int  # expected cells over all pairs
    exact: tuple[int, ...]  # 0-based indices of the pairs reproduced exactly
    failed: int  # pairs where the program raised, timed out or gave an invalid grid
    signature: bytes = b""  # the outputs themselves, for telling programs apart

    @property
    def cell_share(self) -> float:
        return self.cells_right / self.cells_total if self.cells_total else 0.0

    def key(self) -> tuple:
        """Sort key, best first: exact pairs, share of cells, right shapes, then the shorter source."""
        return (-len(self.exact), -self.cell_share, -self.shapes_right, len(self.program.source),
                self.program.program_id)

    def describe(self) -> str:
        """One line on how the outputs differ from the train outputs.

        >>> p = Program("x", "def task(grid):\\n    return grid")
        >>> Nearness(p, 3, 3, 87, 100, (1,), 0).describe()
        'right shapes, 87% of cells, pair 2 exact'
        >>> Nearness(p, 2, 1, 10, 40, (), 1).describe()
        'right shape on 1 of 2 pairs, 25% of cells, no pair exact, fails on 1 pair'
        >>> Nearness(p, 2, 2, 40, 40, (0, 1), 0).describe()
        'every pair exact'
        """
        if len(self.exact) == self.n_pairs:
            return "every pair exact"
        parts = ["right shapes" if self.shapes_right == self.n_pairs else
                 f"right shape on {self.shapes_right} of {self.n_pairs} pairs",
                 f"{int(100 * self.cell_share)}% of cells"]
        if not self.exact:
            parts.append("no pair exact")
        else:
            word = "pair" if len(self.exact) == 1 else "pairs"
            parts.append(f"{word} {', '.join(str(i + 1) for i in self.exact)} exact")
        if self.failed:
            parts.append(f"fails on {self.failed} pair" + ("s" if self.failed > 1 else ""))
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"program_id": self.program.program_id, "origin": self.program.origin,
                "shapes_right": self.shapes_right, "cell_share": round(self.cell_share, 4),
                "exact": list(self.exact), "n_pairs": self.n_pairs, "failed": self.failed}


def program_outputs(result: Any, n: int) -> list[np.ndarray | None]:
    """The first ``n`` outputs of a runner result as valid grids (None where missing or invalid)."""
    outs = result.outputs if hasattr(result, "outputs") else result
    outs = list(outs or [])[:n]
    outs += [None] * (n - len(outs))
    good = []
    for o in outs:
        o = None if o is None else np.asarray(o)
        good.append(o if o is not None and o.ndim == 2 and grid_problem(o) is None else None)
    return good


def score(program: Program, expected: Sequence[np.ndarray], outputs: Sequence[Any]) -> Nearness:
    """Score ``outputs`` (one per pair, ``None`` where the program failed) against ``expected``.

    >>> p = Program("x", "")
    >>> n = score(p, [np.array([[1, 2]]), np.array([[3]])], [np.array([[1, 0]]), np.array([[3]])])
    >>> n.shapes_right, n.cells_right, n.cells_total, n.exact
    (2, 2, 3, (1,))
    """
    shapes = right = total = failed = 0
    exact: list[int] = []
    sig: list[bytes] = []
    for i, (want, out) in enumerate(zip(expected, outputs)):
        want = np.asarray(want)
        total += want.size
        if out is None:
            failed += 1
            sig.append(b"-")
            continue
        out = np.asarray(out)
        sig.append(f"{out.shape}".encode() + np.ascontiguousarray(out, dtype=np.int8).tobytes())
        if out.shape != want.shape:
            continue
        shapes += 1
        same = int(np.count_nonzero(out == want))
        right += same
        if same == want.size:
            exact.append(i)
    return Nearness(program, len(expected), shapes, right, total, tuple(exact), failed, b"|".join(sig))


def score_programs(programs: Sequence[Program], pairs: Sequence[Pair], run: ProgramRunner) -> list[Nearness]:
    """Every program run on the pairs' inputs and scored, in the order given."""
    inputs = [np.asarray(p.input) for p in pairs]
    results = run([(prog.source, inputs) for prog in programs]) if programs else []
    return [score(prog, [p.output for p in pairs], program_outputs(res, len(inputs)))
            for prog, res in zip(programs, results)]


def top_k(scored: Iterable[Nearness], k: int) -> list[Nearness]:
    """The ``k`` best distinct programs: a program with no output of the right shape is not near, and
    of programs with the same normalized source or the same outputs only the best-ranked stays.

    >>> a, b, c = Program("a", "def task(g): return g"), Program("b", "def task(g):  return g"), Program("c", "x")
    >>> one = [np.array([[1]])]
    >>> [n.program.program_id for n in top_k([score(a, one, one), score(b, one, one), score(c, one, [None])], 3)]
    ['a']
    >>> top_k([score(a, one, [np.array([[1, 1]])])], 3)
    []
    """
    from omni_arc.program import normalized

    kept: list[Nearness] = []
    seen_src: set[str] = set()
    seen_out: set[bytes] = set()
    for n in sorted(scored, key=Nearness.key):
        if len(kept) >= k:
            break
        if n.shapes_right == 0:
            continue
        src = normalized(n.program.source)
        if src in seen_src or n.signature in seen_out:
            continue
        seen_src.add(src)
        seen_out.add(n.signature)
        kept.append(n)
    return kept


def excluded_ids(task_id: str) -> frozenset[str]:
    """The program ids leave-one-out removes for ``task_id``: its own and its same-rule group's.

    >>> sorted(excluded_ids("3c9b0459"))
    ['3c9b0459', '6150a2bd']
    """
    from omni_arc.library import same_rule_group

    return same_rule_group(task_id)


def nearest(
    task_id: str, pairs: Sequence[Pair], programs: Sequence[Program], run: ProgramRunner,
    k: int = DEFAULT_K, leave_one_out: bool = True,
) -> list[Nearness]:
    """The ``k`` nearest distinct programs to ``pairs`` (a task's train pairs); with
    ``leave_one_out`` the task's own library program and its same-rule group are never among them."""
    if k <= 0 or not pairs:
        return []
    drop = excluded_ids(task_id) if leave_one_out else frozenset()
    pool = [p for p in programs if p.program_id not in drop]
    return top_k(score_programs(pool, pairs, run), k)


def nearest_many(
    tasks: Sequence[tuple[str, Sequence[Pair]]], programs: Sequence[Program], run: ProgramRunner,
    k: int = DEFAULT_K, leave_one_out: bool = True,
) -> dict[str, list[Nearness]]:
    """:func:`nearest` for many tasks with one call of ``run`` (all jobs at once, so a parallel
    runner stays busy)."""
    jobs: list[Job] = []
    plan: list[tuple[str, list[Program], int]] = []
    for tid, pairs in tasks:
        drop = excluded_ids(tid) if leave_one_out else frozenset()
        pool = [p for p in programs if p.program_id not in drop] if k > 0 and pairs else []
        inputs = [np.asarray(p.input) for p in pairs]
        plan.append((tid, pool, len(jobs)))
        jobs += [(prog.source, inputs) for prog in pool]
    results = run(jobs) if jobs else []
    out: dict[str, list[Nearness]] = {}
    for (tid, pool, first), (_, pairs) in zip(plan, tasks):
        expected = [p.output for p in pairs]
        scored = [score(prog, expected, program_outputs(results[first + j], len(pairs)))
                  for j, prog in enumerate(pool)]
        out[tid] = top_k(scored, k)
    return out


# ---------------------------------------------------------------- program sources


def library_programs(ids: Iterable[str] | None = None) -> list[Program]:
    """The library's solutions as programs (all of them, or those of ``ids``)."""
    from omni_arc.library import library_ids, load_solution

    wanted = library_ids() if ids is None else sorted(set(ids))
    return [Program(tid, load_solution(tid).source, "library") for tid in wanted]


def search_programs(rows: Iterable[dict[str, Any]], task_id: str) -> list[Program]:
    """The ``source == "search"`` candidates of ``task_id`` among candidates.jsonl rows (distinct code)."""
    seen: set[str] = set()
    out = []
    for r in rows:
        code = r.get("code")
        if r.get("task_id") != task_id or r.get("source") != "search" or not isinstance(code, str):
            continue
        if code.strip() and code not in seen:
            seen.add(code)
            out.append(Program(str(r.get("candidate_id", f"{task_id}:search:{len(out)}")), code, "search"))
    return out


# ---------------------------------------------------------------- runners


NEARNESS_TIMEOUT_S = 0.25  # CPU seconds per program on all of a task's train inputs


def executor_runner(executor: Any) -> ProgramRunner:
    """A :data:`ProgramRunner` over an :class:`omni_arc.sandbox.Executor` (CPU-limited, isolated)."""
    return lambda jobs: executor.run_many(jobs)


@contextmanager
def sandbox_runner(timeout_s: float = NEARNESS_TIMEOUT_S, workers: int | None = None) -> Iterator[ProgramRunner]:
    """A sandboxed :data:`ProgramRunner` with a short CPU limit: library programs run on other
    tasks' inputs take milliseconds, except for a few that loop on inputs they were not written for."""
    from omni_arc.sandbox import Executor

    with Executor(workers=workers, timeout_s=timeout_s) as ex:
        yield executor_runner(ex)


TRUSTED_CALL_TIMEOUT_S = 0.1  # CPU seconds per program call on the trusted fast path
_CHUNK = 32  # (source, inputs) jobs per trusted-pool job
_COMPILED: dict[str, Any] = {}  # per worker process: source -> task function (None: does not compile)


def _trusted_chunk(guard: Any, chunk: list[Job]) -> list[list[np.ndarray | None]]:
    """Runs in a :class:`omni_arc.search.executor.TrustedPool` worker: every job of ``chunk``, each
    call guarded; a program that times out is not run on the job's remaining inputs."""
    from omni_arc.program import compile_task

    out = []
    for j, (source, inputs) in enumerate(chunk):
        if source not in _COMPILED:
            try:
                _COMPILED[source] = compile_task(source)
            except Exception:  # noqa: BLE001 - a program that does not compile has no outputs
                _COMPILED[source] = None
        fn = _COMPILED[source]
        outs: list[np.ndarray | None] = []
        for i, x in enumerate(inputs):
            o = guard.call(f"job {j} input {i}", fn, np.array(x)) if fn is not None else None
            if o is not None and o.status == "timeout":
                fn = None
            value = None
            if o is not None and o.ok:
                try:
                    value = np.asarray(o.value)
                    value = value if value.dtype.kind in "iub" else None
                except Exception:  # noqa: BLE001
                    value = None
            outs.append(value)
        out.append(outs)
    return out


@contextmanager
def trusted_runner(workers: int | None = None, timeout_s: float = TRUSTED_CALL_TIMEOUT_S,
                   memory_mb: int = 512) -> Iterator[ProgramRunner]:
    """A :data:`ProgramRunner` on the trusted fast path (:class:`omni_arc.search.executor.TrustedPool`:
    forked workers, a CPU limit per call, an address-space cap): for OUR programs only -- library
    solutions and search candidates -- never model output."""
    from omni_arc.search.executor import TrustedPool

    with TrustedPool(workers, timeout_s=timeout_s, memory_mb=memory_mb) as pool:
        def run(jobs: list[Job]) -> list[RunResult]:
            chunks = [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
            done: dict[int, list] = {}
            for res in pool.map_unordered(_trusted_chunk, ((c, (chunk,)) for c, chunk in enumerate(chunks))):
                done[res.key] = res.value if res.value is not None else [[None] * len(x) for _, x in chunks[res.key]]
            results = []
            for c, chunk in enumerate(chunks):
                for outs in done[c]:
                    results.append(RunResult(outs, [None if o is not None else "failed" for o in outs]))
            return results

        yield run


@dataclass
class RunResult:
    """What :func:`in_process_runner` gives per job (the ``outputs`` of a sandbox ``ExecResult``)."""

    outputs: list[np.ndarray | None]
    errors: list[str | None]


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _Timeout()


def in_process_runner(timeout_s: float = 0.1) -> ProgramRunner:
    """A :data:`ProgramRunner` that runs trusted sources in this process, each call under a CPU-time
    limit (``ITIMER_PROF``; main thread only); a program that times out is not run on the job's
    remaining inputs. For tests and small trusted jobs -- never model code."""
    from omni_arc.program import compile_task

    cache: dict[str, Any] = {}

    def call(fn, grid):
        old = signal.signal(signal.SIGPROF, _alarm)
        signal.setitimer(signal.ITIMER_PROF, timeout_s)
        try:
            return np.asarray(fn(np.array(grid)))
        except _Timeout:
            return _Timeout
        except Exception:  # noqa: BLE001 - a failing program is an outcome
            return None
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old)

    def run(jobs: list[Job]) -> list[RunResult]:
        results = []
        for source, inputs in jobs:
            if source not in cache:
                try:
                    cache[source] = compile_task(source)
                except Exception:  # noqa: BLE001
                    cache[source] = None
            fn = cache[source]
            outs: list[np.ndarray | None] = []
            errors: list[str | None] = []
            for x in inputs:
                out = None if fn is None else call(fn, x)
                if out is _Timeout:
                    fn = None
                    out = None
                    errors.append(f"timeout: over {timeout_s:g} s of CPU time")
                else:
                    errors.append(None if out is not None else "exception: the program failed")
                outs.append(out)
            results.append(RunResult(outs, errors))
        return results

    return run
