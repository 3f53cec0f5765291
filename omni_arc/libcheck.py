"""Verification and statistics of the solution library (``omni library verify`` / ``stats``).

A solution passes when
- its module has a one-line docstring and its ``task`` source runs standalone (the training
  completion is only that source, executed in :data:`omni_arc.program.PRELUDE`'s namespace);
- that ``task`` reproduces every train and test output of its ARC-AGI-1 training task;
- its ``generate_input`` (when present) yields valid grids for ``samples`` fixed seeds, not all
  identical, on which ``task`` runs and returns valid grids.
``task`` runs in the sandbox (:class:`omni_arc.sandbox.Executor`, its ``timeout_s`` being the CPU
time of one batch of inputs) when available, else in-process with a wall-clock timeout per input.
Generators are trusted library code and run in-process.
"""
from __future__ import annotations

import ast
import signal
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from omni_arc.data import Task, grid_problem, load_dataset
from omni_arc.library import SOURCE_DATASET, Solution, library_ids, load_solution
from omni_arc.program import compile_task
from omni_arc.verify import judge_outputs

DEFAULT_SAMPLES = 20
DEFAULT_TIMEOUT_S = 2.0


@dataclass
class CheckResult:
    """The verdict on one library solution."""

    task_id: str
    train_passed: int = 0
    train_total: int = 0
    test_passed: int = 0
    test_total: int = 0
    has_generator: bool = False
    generator_samples: int = 0  # samples that passed
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


class _Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise :class:`TimeoutError` in the block after ``seconds`` (wall clock; main thread only, else no limit)."""
    if seconds is None or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise TimeoutError(f"timed out after {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


def _run(fn: Callable[[np.ndarray], Any], grid: np.ndarray, timeout_s: float) -> tuple[Any, str | None]:
    """``fn(copy of grid)`` under a timeout: (result, None) or (None, problem)."""
    try:
        with time_limit(timeout_s):
            return fn(grid.copy()), None
    except Exception as e:  # noqa: BLE001 - any failure of the solution is a finding
        return None, _describe(e)


# A runner starts the source of `task` on a batch of inputs and returns a thunk that yields one
# (output, problem) per input: in-process runners work when the thunk is called, the sandbox at once.
Outcome = list[tuple[Any, str | None]]
Runner = Callable[[str, list[np.ndarray]], Callable[[], Outcome]]


def in_process_runner(timeout_s: float = DEFAULT_TIMEOUT_S) -> Runner:
    """Run trusted code in this process (a wall-clock timeout per input)."""

    def submit(code: str, inputs: list[np.ndarray]) -> Callable[[], Outcome]:
        def outcome() -> Outcome:
            try:
                fn = compile_task(code)
            except Exception as e:  # noqa: BLE001
                return [(None, f"task source does not run standalone: {_describe(e)}")] * len(inputs)
            return [_run(fn, grid, timeout_s) for grid in inputs]

        return outcome

    return submit


def sandbox_runner(executor) -> Runner:
    """Run code in an :class:`omni_arc.sandbox.Executor`, one sandboxed job per batch."""

    def submit(code: str, inputs: list[np.ndarray]) -> Callable[[], Outcome]:
        if not inputs:
            return lambda: []
        future = executor.submit(code, inputs)

        def outcome() -> Outcome:
            res = future.result()
            out = []
            for i in range(len(inputs)):
                error = res.errors[i] if i < len(res.errors) else f"{res.status}: {res.detail}"
                output = res.outputs[i] if i < len(res.outputs) else None
                out.append((output, None) if error is None and output is not None else (None, error or res.status))
            return out

        return outcome

    return submit


def _static_problems(sol: Solution) -> list[str]:
    problems = []
    doc = ast.get_docstring(ast.parse(sol.path.read_text()))
    if not doc or not doc.strip():
        problems.append("module has no docstring describing the rule")
    elif len(doc.strip().splitlines()) != 1:
        problems.append("module docstring must be one line")
    return problems


@dataclass
class _Pending:
    """A solution whose programs have been started: ``finish`` collects and judges their outputs."""

    res: CheckResult
    start: float
    task: Task | None = None
    pairs: Callable[[], Outcome] | None = None
    seeds: list[int] = field(default_factory=list)
    generated: Callable[[], Outcome] | None = None

    def finish(self) -> CheckResult:
        res = self.res
        if self.pairs is not None:
            task = self.task
            pairs = [("train", i, p) for i, p in enumerate(task.train)] + [("test", i, p) for i, p in enumerate(task.test)]
            passed: Counter = Counter()
            for (split, i, _), verdict in zip(pairs, _judge([p.output for _, _, p in pairs], self.pairs())):
                if verdict is None:
                    passed[split] += 1
                else:
                    res.problems.append(f"{split}[{i}]: {verdict}")
            res.train_passed, res.train_total = passed["train"], len(task.train)
            res.test_passed, res.test_total = passed["test"], len(task.test)
        if self.generated is not None:
            for seed, verdict in zip(self.seeds, _judge([None] * len(self.seeds), self.generated())):
                if verdict is None:
                    res.generator_samples += 1
                else:
                    res.problems.append(f"generator seed {seed}: task failed on the generated input: {verdict}")
        res.seconds += time.perf_counter() - self.start
        return res


def _judge(expected: list[np.ndarray | None], outcome: Outcome) -> list[str | None]:
    """One problem (or None) per pair, through :func:`omni_arc.verify.judge_outputs`."""
    verdicts = judge_outputs(expected, [out for out, _ in outcome], [problem for _, problem in outcome])
    return [None if v is None
            else f"wrong output ({v[1]})" if v[0] == "wrong_output"
            else f"{v[0]}: {v[1]}" for v in verdicts]


def start_check(sol: Solution, task: Task | None, samples: int, timeout_s: float, submit: Runner) -> _Pending:
    """Static checks and generator sampling now; the programs start through ``submit``."""
    pending = _Pending(CheckResult(sol.task_id, has_generator=sol.generate_input is not None), time.perf_counter())
    res = pending.res
    res.problems += _static_problems(sol)
    try:
        compile_task(sol.source)
    except Exception as e:  # noqa: BLE001
        res.problems.append(f"task source does not run standalone: {_describe(e)}")
        return pending
    if task is None:
        res.problems.append(f"{sol.task_id} is not an ARC-AGI-1 training task")
    else:
        pending.task = task
        pending.pairs = submit(sol.source, [p.input for p in task.train + task.test])
    if sol.generate_input is not None:
        grids, seen = [], set()
        for seed in range(samples):
            rng = np.random.default_rng(seed)
            grid, problem = _run(lambda _: sol.generate_input(rng), np.zeros((1, 1), int), timeout_s)
            if problem is None and (why := grid_problem(grid)) is not None:
                problem = f"invalid input grid ({why})"
            if problem is not None:
                res.problems.append(f"generator seed {seed}: {problem}")
                continue
            grid = np.asarray(grid)
            seen.add((grid.shape, grid.tobytes()))
            pending.seeds.append(seed)
            grids.append(grid)
        if samples > 1 and len(seen) == 1:
            res.problems.append(f"generator: all {samples} inputs are identical")
        pending.generated = submit(sol.source, grids)
    res.seconds = time.perf_counter() - pending.start
    return pending


def check_solution(sol: Solution, task: Task | None, samples: int = DEFAULT_SAMPLES,
                   timeout_s: float = DEFAULT_TIMEOUT_S, runner: Runner | None = None) -> CheckResult:
    """Verify one solution against its task (``None``: not an ARC-AGI-1 training task) and its generator."""
    return start_check(sol, task, samples, timeout_s, runner or in_process_runner(timeout_s)).finish()


def sandbox_available() -> bool:
    """True when :mod:`omni_arc.sandbox` can be imported."""
    try:
        import omni_arc.sandbox  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True


def verify_library(task_ids: Iterable[str] | None = None, samples: int = DEFAULT_SAMPLES,
                   timeout_s: float = DEFAULT_TIMEOUT_S, sandbox: bool | None = None,
                   on_result: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Check the given library solutions (default: all), in id order; ``on_result`` sees each verdict.

    ``sandbox``: run ``task`` in :class:`omni_arc.sandbox.Executor` (``None``: when available). In
    the sandbox every solution's programs are started first, so the workers run in parallel."""
    ids = sorted(task_ids) if task_ids is not None else library_ids()
    tasks = load_dataset(SOURCE_DATASET)
    if sandbox is None:
        sandbox = sandbox_available()
    executor = None
    if sandbox:
        from omni_arc.sandbox import Executor

        executor = Executor(timeout_s=timeout_s)
    submit = sandbox_runner(executor) if executor is not None else in_process_runner(timeout_s)
    pending: list[_Pending | CheckResult] = []
    try:
        for tid in ids:
            try:
                sol = load_solution(tid)
            except Exception as e:  # noqa: BLE001 - a broken file is a finding, not a crash
                pending.append(CheckResult(tid, problems=[f"cannot load the solution file: {_describe(e)}"]))
            else:
                pending.append(start_check(sol, tasks.get(tid), samples, timeout_s, submit))
        results = []
        for p in pending:
            res = p.finish() if isinstance(p, _Pending) else p
            results.append(res)
            if on_result is not None:
                on_result(res)
    finally:
        if executor is not None:
            executor.close()
    return results


def summarize(results: list[CheckResult]) -> dict[str, Any]:
    """Counts for the summary line and ``--json``."""
    return {
        "solutions": len(results),
        "passed": sum(r.ok for r in results),
        "failed": sum(not r.ok for r in results),
        "with_generator": sum(r.has_generator for r in results),
        "generators_passed": sum(r.has_generator and r.ok for r in results),
    }


# ---------------------------------------------------------------- statistics


def primitive_uses(source: str) -> Counter:
    """How often each public DSL name is referenced in ``source``.

    >>> primitive_uses("def task(grid):\\n    return rotate(flip_top_bottom(rotate(grid)))")
    Counter({'rotate': 2, 'flip_top_bottom': 1})
    """
    import omni_arc.dsl as dsl

    public = set(dsl.__all__)
    return Counter(n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name) and n.id in public)


def _tokenizer():
    """The default model's tokenizer, or ``None`` when it is not prepared (transformers imported lazily)."""
    try:
        from omni_arc.models import DEFAULT_MODEL, load_tokenizer

        return load_tokenizer(DEFAULT_MODEL)
    except Exception:  # noqa: BLE001 - stats work without token counts
        return None


def library_stats(solutions: dict[str, Solution] | None = None, tokens: bool = True) -> dict[str, Any]:
    """Coverage, solution lengths (lines, tokens when the tokenizer is available) and primitive usage."""
    import omni_arc.dsl as dsl

    if solutions is None:
        solutions = {tid: load_solution(tid) for tid in library_ids()}
    lines = {tid: len(s.source.splitlines()) for tid, s in solutions.items()}
    tok = _tokenizer() if tokens and solutions else None
    ntoks = {tid: len(tok(s.source)["input_ids"]) for tid, s in solutions.items()} if tok else {}
    uses: Counter = Counter()
    tasks_using: Counter = Counter()
    for s in solutions.values():
        u = primitive_uses(s.source)
        uses.update(u)
        tasks_using.update(set(u))

    def dist(values: dict[str, int]) -> dict[str, float] | None:
        if not values:
            return None
        v = list(values.values())
        return {"median": statistics.median(v), "mean": round(statistics.mean(v), 1), "min": min(v), "max": max(v),
                "total": sum(v)}

    callables = [n for n in dsl.__all__ if callable(getattr(dsl, n)) and n not in ("Grid", "Mask", "Box", "Object")]
    return {
        "tasks": len(solutions),
        "with_generator": sum(s.generate_input is not None for s in solutions.values()),
        "lines": dist(lines),
        "tokens": dist(ntoks),
        "per_task": {tid: {"lines": lines[tid], "tokens": ntoks.get(tid),
                           "generator": solutions[tid].generate_input is not None} for tid in solutions},
        "primitives": len(callables),
        "primitive_uses": dict(uses.most_common()),
        "primitive_tasks": dict(tasks_using.most_common()),
        "unused_primitives": sorted(set(callables) - set(uses)),
    }
