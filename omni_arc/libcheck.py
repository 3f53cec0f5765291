"""Verification and statistics of the solution library (``omni library verify`` / ``stats``).

A solution passes when
- its module has a one-line docstring and its ``task`` source runs standalone (the training
  completion is only that source, executed in :data:`omni_arc.program.PRELUDE`'s namespace);
- that ``task`` reproduces every train and test output of its ARC-AGI-1 training task;
- its ``generate_input`` (when present) yields valid grids for ``samples`` fixed seeds, not all
  identical, on which ``task`` runs and returns valid grids.
Each run of ``task`` has a wall-clock timeout. Generators are trusted library code and run in-process.
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
from omni_arc.library import Solution, library_ids, load_solution
from omni_arc.program import compile_task

TRAINING = "arc-agi-1/training"
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


def _static_problems(sol: Solution) -> list[str]:
    problems = []
    doc = ast.get_docstring(ast.parse(sol.path.read_text()))
    if not doc or not doc.strip():
        problems.append("module has no docstring describing the rule")
    elif len(doc.strip().splitlines()) != 1:
        problems.append("module docstring must be one line")
    return problems


def check_solution(sol: Solution, task: Task | None, samples: int = DEFAULT_SAMPLES,
                   timeout_s: float = DEFAULT_TIMEOUT_S) -> CheckResult:
    """Verify one solution against its task (``None``: not an ARC-AGI-1 training task) and its generator."""
    start = time.perf_counter()
    res = CheckResult(sol.task_id, has_generator=sol.generate_input is not None)
    res.problems += _static_problems(sol)
    try:
        fn = compile_task(sol.source)
    except Exception as e:  # noqa: BLE001
        res.problems.append(f"task source does not run standalone: {_describe(e)}")
        fn = None
    if task is None:
        res.problems.append(f"{sol.task_id} is not an ARC-AGI-1 training task")
    elif fn is not None:
        for split, pairs in (("train", task.train), ("test", task.test)):
            passed = 0
            for i, pair in enumerate(pairs):
                out, problem = _run(fn, pair.input, timeout_s)
                if problem is None and (why := grid_problem(out)) is not None:
                    problem = f"invalid output grid ({why})"
                if problem is None and pair.output is not None and not np.array_equal(out, pair.output):
                    problem = "wrong output"
                if problem is None:
                    passed += 1
                else:
                    res.problems.append(f"{split}[{i}]: {problem}")
            if split == "train":
                res.train_passed, res.train_total = passed, len(pairs)
            else:
                res.test_passed, res.test_total = passed, len(pairs)
    if sol.generate_input is not None and fn is not None:
        res.generator_samples = _check_generator(sol, fn, samples, timeout_s, res.problems)
    res.seconds = time.perf_counter() - start
    return res


def _check_generator(sol: Solution, fn, samples: int, timeout_s: float, problems: list[str]) -> int:
    passed, seen = 0, set()
    for seed in range(samples):
        rng = np.random.default_rng(seed)
        grid, problem = _run(lambda _: sol.generate_input(rng), np.zeros((1, 1), int), timeout_s)
        if problem is None and (why := grid_problem(grid)) is not None:
            problem = f"invalid input grid ({why})"
        if problem is not None:
            problems.append(f"generator seed {seed}: {problem}")
            continue
        grid = np.asarray(grid)
        seen.add((grid.shape, grid.tobytes()))
        out, problem = _run(fn, grid, timeout_s)
        if problem is None and (why := grid_problem(out)) is not None:
            problem = f"invalid output grid ({why})"
        if problem is not None:
            problems.append(f"generator seed {seed}: task failed on the generated input: {problem}")
            continue
        passed += 1
    if samples > 1 and len(seen) == 1:
        problems.append(f"generator: all {samples} inputs are identical")
    return passed


def verify_library(task_ids: Iterable[str] | None = None, samples: int = DEFAULT_SAMPLES,
                   timeout_s: float = DEFAULT_TIMEOUT_S,
                   on_result: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Check the given library solutions (default: all), in id order; ``on_result`` sees each verdict."""
    ids = sorted(task_ids) if task_ids is not None else library_ids()
    tasks = load_dataset(TRAINING)
    results = []
    for tid in ids:
        try:
            sol = load_solution(tid)
        except Exception as e:  # noqa: BLE001 - a broken file is a finding, not a crash
            res = CheckResult(tid, problems=[f"cannot load the solution file: {_describe(e)}"])
        else:
            res = check_solution(sol, tasks.get(tid), samples, timeout_s)
        results.append(res)
        if on_result is not None:
            on_result(res)
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

    >>> primitive_uses("def task(grid):\\n    return rotate(flip_vertical(rotate(grid)))")
    Counter({'rotate': 2, 'flip_vertical': 1})
    """
    import omni_arc.dsl as dsl

    public = set(dsl.__all__)
    return Counter(n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name) and n.id in public)


def _tokenizer():
    """The default model's tokenizer, or ``None`` when it is not prepared (transformers imported lazily)."""
    try:
        from omni_arc.models import default_models_dir

        folder = default_models_dir() / "smollm2-135m"
        if not (folder / "tokenizer.json").exists() and not (folder / "tokenizer_config.json").exists():
            return None
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(str(folder))
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
