"""The resumable inference run behind ``omni infer``.

Output folder::

    run.json          model, parameters, versions, timings, counts (written at start and end)
    candidates.jsonl  one line per sample, all samples of a task appended together and flushed
    skipped.jsonl     tasks that got no prompt, with the reason
    results.jsonl, submission.json, summary.json   from :class:`omni_arc.verify.Verifier`

Re-running the same command resumes: tasks whose samples are all in candidates.jsonl are not
generated again; a line cut short by a kill and the samples of a task that was not finished are
dropped (with their verification results) and that task is generated again. Finished tasks are
handed to the verifier at once, so the sandbox verifies them while the backend generates others.

With ``repair_rounds`` R > 0, rounds 1..R follow the first one (see :mod:`infer.repair`): each
task still without a verified program gets repair samples for its most promising failed
programs. Resuming works the same way per (task, round).
"""
from __future__ import annotations

import json
import platform
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from omni_arc.data import Task, dataset_hash, dataset_source, load_dataset
from omni_arc.errors import UserError
from omni_arc.io import append_jsonl, atomic_write_json, atomic_write_jsonl, read_jsonl
from omni_arc.prompts import DEFAULT_GRID_FORMAT, GRID_FORMATS

from infer.backends import DTYPES, Backend, BackendConfig, Request, Sample, make_backend
from infer.prompting import PromptGroup, Skipped, make_builder, sample_rows, task_augmentations
from infer.repair import complete_rounds, repair_groups, repair_rows, row_round, select_parents

CANDIDATES = "candidates.jsonl"
SKIPPED = "skipped.jsonl"
RUN_JSON = "run.json"
RESULTS = "results.jsonl"
# Parameters that change what is generated: a run folder only resumes with the same values.
RESUME_KEYS = ("model", "adapter", "dataset", "predictions_per_task", "temperature", "top_p",
               "max_tokens", "seed", "max_model_len", "augment", "augmentations_per_task",
               "grid_format", "repair_top", "repair_samples", "prompt", "neighbours", "leave_one_out",
               "neighbour_candidates")
# Defaults of resume keys that runs written before the key existed lack.
RESUME_DEFAULTS = {"repair_top": 4, "repair_samples": 1, "prompt": ["code_from_examples"], "neighbours": 3,
                   "leave_one_out": True, "neighbour_candidates": None}


@dataclass
class InferConfig:
    model: Path
    dataset: str
    output: Path
    predictions_per_task: int = 8
    adapter: Path | None = None
    merge_adapter: bool = False
    tasks: list[str] | None = None
    limit: int | None = None
    backend: str | None = None  # None: vllm when installed, else transformers
    temperature: float = 0.7
    top_p: float = 0.95
    max_tokens: int = 512
    seed: int = 0
    dtype: str = "default"  # infer.backends.resolve_dtype
    max_model_len: int = 4096
    augment: bool = True
    augmentations_per_task: int = 8
    grid_format: str = DEFAULT_GRID_FORMAT
    prompt: list[str] = field(default_factory=lambda: ["code_from_examples"])  # kinds, cycled over groups
    neighbours: int = 3  # near programs shown by a neighbours prompt
    leave_one_out: bool = True  # a library task never sees its own program (or its same-rule group's)
    neighbour_candidates: Path | None = None  # a run's candidates.jsonl: its search programs are neighbours too
    batch_tasks: int = 32  # tasks in flight at once (vllm) / between verifier hand-offs
    batch_size: int = 16  # transformers: sequences per generate() call
    tensor_parallel_size: int | None = None
    verify_workers: int | None = None
    verify_timeout_s: float | None = None  # None: the sandbox's calibrated default
    repair_rounds: int = 0  # rounds of repair after the first (infer.repair)
    repair_top: int = 4  # failed programs repaired per unsolved task and round
    repair_samples: int = 1  # samples drawn per repaired program
    progress: bool = True
    backend_extra: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        """The JSON-ready parameters recorded in run.json."""
        d = asdict(self)
        for k in ("model", "adapter", "output", "neighbour_candidates"):
            d[k] = None if d[k] is None else str(Path(d[k]).resolve())
        d.pop("backend_extra")
        return d


# ---------------------------------------------------------------- task selection


def select_tasks(all_tasks: dict[str, Task], ids: list[str] | None, limit: int | None,
                 dataset: str) -> dict[str, Task]:
    """The tasks to run: ``ids`` (in the given order) or the first ``limit`` by id, or all."""
    if ids:
        missing = [t for t in ids if t not in all_tasks]
        if missing:
            raise UserError(f"--tasks: {dataset} has no task {missing[0]!r}")
        chosen = {t: all_tasks[t] for t in dict.fromkeys(ids)}
    else:
        chosen = dict(all_tasks)
    if limit is not None:
        if limit < 1:
            raise UserError(f"--limit {limit}: expected a positive number of tasks")
        chosen = dict(list(chosen.items())[:limit])
    return chosen


# ---------------------------------------------------------------- files and resume


def task_rows(path: Path) -> list[dict[str, Any]]:
    """The object lines with a ``task_id`` of one of the run's JSONL files (see
    :mod:`omni_arc.io` for the cut-line policy; a malformed line is a one-line error)."""
    return [r for r in read_jsonl(path) if isinstance(r, dict) and isinstance(r.get("task_id"), str)]


def complete_tasks(rows: list[dict[str, Any]], n: int) -> dict[str, list[dict[str, Any]]]:
    """Tasks whose samples ``0..n-1`` are all present exactly once, with their rows."""
    by_task: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_task.setdefault(row["task_id"], []).append(row)
    done = {}
    for tid, task_rows in by_task.items():
        indices = sorted(r.get("sample_index", -1) for r in task_rows)
        if indices == list(range(n)):
            done[tid] = task_rows
    return done


def recover(out: Path, n: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict], int]:
    """Read what an earlier run left: complete tasks' candidates (first round and complete repair
    rounds), skipped tasks, and how many candidate lines were dropped. Rewrites candidates.jsonl
    without the dropped lines and removes the verification results of every dropped line."""
    rows = task_rows(out / CANDIDATES)
    done = complete_tasks([r for r in rows if row_round(r) == 0], n)
    repaired = complete_rounds(r for r in rows if r["task_id"] in done)
    for (tid, _), group in sorted(repaired.items(), key=lambda kv: kv[0][1]):
        done[tid] = done[tid] + group
    kept = [r for r in rows if r["task_id"] in done and (
        row_round(r) == 0 or (r["task_id"], row_round(r)) in repaired)]
    if len(kept) != len(rows):  # a cut last line always belongs to an unfinished task or round
        atomic_write_jsonl(out / CANDIDATES, kept)
    ids = {r.get("candidate_id") for r in kept}
    results = task_rows(out / RESULTS)
    good = [r for r in results if r["task_id"] in done and r.get("candidate_id") in ids]
    if len(good) != len(results):
        atomic_write_jsonl(out / RESULTS, good)
    skipped = {r["task_id"]: r for r in task_rows(out / SKIPPED)}
    return done, skipped, len(rows) - len(kept)


def check_resume(out: Path, params: dict[str, Any]) -> dict[str, Any] | None:
    """The earlier run.json of ``out`` (None when fresh); UserError when its parameters differ."""
    path = out / RUN_JSON
    if not path.exists():
        if (out / CANDIDATES).exists():
            raise UserError(f"{out}: has {CANDIDATES} but no {RUN_JSON}; use an empty --output-dir folder")
        return None
    try:
        earlier = json.loads(path.read_text())
        old = earlier["params"]
    except (json.JSONDecodeError, KeyError, TypeError):
        raise UserError(f"{path}: unreadable; expected the run.json of an earlier `omni infer`") from None
    for key in RESUME_KEYS:
        if old.get(key, RESUME_DEFAULTS.get(key)) != params.get(key):
            raise UserError(f"{path}: the run in this folder used {key}={old.get(key)!r}, this "
                            f"command has {params.get(key)!r}; use the same value to resume or "
                            "another --output-dir")
    return earlier


def versions(backend: Backend | None) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("omni-arc", "numpy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    if backend is not None:
        out.update(backend.versions())
    return out


# ---------------------------------------------------------------- candidates


def request_seed(seed: int, task_id: str, group: int) -> int:
    """A per-prompt seed that does not depend on the order prompts are generated in."""
    return zlib.crc32(f"{seed}:{task_id}:{group}".encode()) & 0x7FFFFFFF


def candidate_rows(groups: list[tuple[PromptGroup, list[Sample]]]) -> list[dict[str, Any]]:
    """The candidates.jsonl lines of one task, in sample order."""
    return sample_rows(
        groups,
        lambda g, i: {"task_id": g.task_id, "candidate_id": f"{g.task_id}:{i}", "sample_index": i, "round": 0,
                      "kind": g.kind},
        lambda g: {"prompt_kind": g.kind, "neighbour_ids": list(g.neighbour_ids),
                   "dropped_neighbours": g.dropped_neighbours})


def finished_tasks(backend: Backend, task_requests: Iterable[list[Request]]
                   ) -> Iterator[list[tuple[Any, list[Sample]]]]:
    """Stream each task's requests (one non-empty list per task or (task, round); each tagged with
    its group, which has ``task_id`` and ``n``) through ``backend`` and yield the task's (group,
    samples) pairs as soon as its last group finishes, so that the caller writes a task whole;
    what a kill interrupts was never yielded."""
    waiting: dict[str, tuple[int, list[tuple[Any, list[Sample]]]]] = {}

    def requests() -> Iterator[Request]:
        for batch in task_requests:
            waiting[batch[0].tag.task_id] = (len(batch), [])
            yield from batch

    for request, samples in backend.stream(requests()):
        group = request.tag
        if len(samples) != group.n:
            raise RuntimeError(f"backend returned {len(samples)} samples, expected {group.n}")
        total, finished = waiting[group.task_id]
        finished.append((group, samples))
        if len(finished) == total:
            del waiting[group.task_id]
            yield finished
    if waiting:
        raise RuntimeError(f"the backend never finished {len(waiting)} tasks")


class _Counters:
    def __init__(self) -> None:
        self.tasks = self.candidates = self.tokens = self.with_code = self.skipped = 0
        self.finish: dict[str, int] = {}
        self.neighbours_s = 0.0
        self.neighbours_tasks = 0
        self.kinds: dict[str, int] = {}  # candidates per prompt kind
        self.groups_dropping_neighbours = 0  # prompt groups that left near programs out to fit
        self.groups_with_neighbours_kind = 0

    def add(self, rows: list[dict[str, Any]], task: bool = True) -> None:
        self.tasks += task
        self.candidates += len(rows)
        for r in rows:
            self.tokens += r["n_tokens"]
            self.with_code += bool(r["code"])
            self.finish[r["finish_reason"]] = self.finish.get(r["finish_reason"], 0) + 1
            kind = r.get("prompt_kind") or r.get("kind") or "code_from_examples"  # repair rows: "repair"
            self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def add_groups(self, groups: list[PromptGroup]) -> None:
        for g in groups:
            if g.kind == "neighbours":
                self.groups_with_neighbours_kind += 1
                self.groups_dropping_neighbours += g.dropped_neighbours > 0


# ---------------------------------------------------------------- the run


def backend_config(cfg: InferConfig) -> BackendConfig:
    groups = min(cfg.augmentations_per_task if cfg.augment else 1, cfg.predictions_per_task)
    return BackendConfig(
        model=Path(cfg.model), adapter=cfg.adapter, merge_adapter=cfg.merge_adapter,
        merged_dir=Path(cfg.output) / "merged-model", dtype=cfg.dtype,
        max_model_len=cfg.max_model_len, temperature=cfg.temperature, top_p=cfg.top_p,
        max_tokens=cfg.max_tokens, seed=cfg.seed, tensor_parallel_size=cfg.tensor_parallel_size,
        max_inflight_requests=max(1, cfg.batch_tasks * groups), batch_size=cfg.batch_size,
        extra=dict(cfg.backend_extra),
    )


def validate(cfg: InferConfig) -> None:
    if cfg.predictions_per_task < 1:
        raise UserError(f"--predictions-per-task {cfg.predictions_per_task}: expected at least 1")
    if cfg.augmentations_per_task < 1:
        raise UserError(f"--augmentations-per-task {cfg.augmentations_per_task}: expected at least 1")
    if cfg.temperature < 0:
        raise UserError(f"--temperature {cfg.temperature}: expected 0 (greedy) or more")
    if not 0 < cfg.top_p <= 1:
        raise UserError(f"--top-p {cfg.top_p}: expected a value in (0, 1]")
    if cfg.max_tokens < 1:
        raise UserError(f"--max-tokens {cfg.max_tokens}: expected at least 1")
    if cfg.grid_format not in GRID_FORMATS:
        raise UserError(f"--grid-format {cfg.grid_format}: expected one of {', '.join(GRID_FORMATS)}")
    if cfg.repair_rounds < 0:
        raise UserError(f"--repair-rounds {cfg.repair_rounds}: expected 0 (none) or more")
    if cfg.repair_top < 1 or cfg.repair_samples < 1:
        raise UserError("--repair-top and --repair-samples: expected at least 1")
    if cfg.batch_tasks < 1 or cfg.batch_size < 1:
        raise UserError("--batch-tasks and --batch-size: expected at least 1")
    from omni_arc.prompts import PROMPT_KINDS

    bad = [k for k in cfg.prompt if k not in PROMPT_KINDS or k == "output_from_code"]
    if not cfg.prompt or bad:
        raise UserError(f"--prompt {','.join(cfg.prompt)}: expected code_from_examples, neighbours or both "
                        "(comma-separated)")
    if cfg.neighbours < 0:
        raise UserError(f"--neighbours {cfg.neighbours}: expected 0 or more near programs")
    if cfg.neighbour_candidates is not None and not Path(cfg.neighbour_candidates).is_file():
        raise UserError(f"--neighbour-candidates {cfg.neighbour_candidates}: no such candidates.jsonl")
    if cfg.dtype not in DTYPES:
        raise UserError(f"--dtype {cfg.dtype}: expected one of {', '.join(DTYPES)}")
    if not (Path(cfg.model) / "config.json").exists():
        raise UserError(f"--model {cfg.model}: no config.json there; expected a Hugging Face model folder")
    if cfg.adapter is not None and not (Path(cfg.adapter) / "adapter_config.json").exists():
        raise UserError(f"--adapter {cfg.adapter}: no adapter_config.json there; expected a PEFT LoRA folder")


@dataclass
class _Session:
    """What one ``omni infer`` invocation accumulates while it runs."""

    counters: _Counters = field(default_factory=_Counters)
    marks: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=lambda: {
        "model_load_s": 0.0, "generation_s": 0.0, "verification_tail_s": 0.0, "neighbours_s": 0.0})
    backend: Backend | None = None
    repair: dict[int, dict[str, int]] = field(default_factory=dict)  # per round: what was generated now


def run_inference(
    cfg: InferConfig, backend_factory: Callable[[BackendConfig], Backend] | None = None,
    console: Any = None,
) -> dict[str, Any]:
    """Generate (or resume) candidates for the selected tasks, verify them, write run.json and
    return its content. ``backend_factory`` replaces :func:`make_backend` (tests use fakes)."""
    start = time.perf_counter()
    validate(cfg)
    dataset = load_dataset(cfg.dataset)
    tasks = select_tasks(dataset, cfg.tasks, cfg.limit, cfg.dataset)
    out = Path(cfg.output)
    out.mkdir(parents=True, exist_ok=True)
    params = cfg.params()
    earlier = check_resume(out, params)
    done, skipped, dropped_lines = recover(out, cfg.predictions_per_task)
    todo = [t for t in tasks if t not in done and t not in skipped]
    run: dict[str, Any] = {
        "model": str(cfg.model), "adapter": None if cfg.adapter is None else str(cfg.adapter),
        "dataset": cfg.dataset, "dataset_source": dataset_source(cfg.dataset), "dataset_hash": dataset_hash(dataset),
        "backend": cfg.backend, "params": params, "status": "running",
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "resumed": earlier is not None,
    }
    atomic_write_json(out / RUN_JSON, run)
    session = _Session()
    try:
        summary = _generate_and_verify(cfg, tasks, done, todo, out, run, session,
                                       backend_factory, console)
    except BaseException as e:
        run["status"] = "failed" if isinstance(e, Exception) else "interrupted"
        run["error"] = f"{type(e).__name__}: {e}".splitlines()[0][:500]
        atomic_write_json(out / RUN_JSON, run)
        if session.backend is not None:
            session.backend.close()
        raise
    _record_finished(run, tasks, done, dropped_lines, summary, session, out, start)
    atomic_write_json(out / RUN_JSON, run)
    return run


def _generate_and_verify(cfg: InferConfig, tasks: dict[str, Task], done: dict[str, list[dict[str, Any]]],
                         todo: list[str], out: Path, run: dict[str, Any], session: _Session,
                         backend_factory: Callable[[BackendConfig], Backend] | None,
                         console: Any) -> dict[str, Any]:
    """Verify the earlier runs' candidates, load the backend and generate ``todo`` (each task
    verified as soon as it is written); returns the verifier's summary."""
    from omni_arc.verify import Verifier

    timings, marks = session.timings, session.marks
    progress = _Progress(cfg.progress and bool(todo), len(todo), console)
    with Verifier(tasks, out, workers=cfg.verify_workers, timeout_s=cfg.verify_timeout_s,
                  progress=False) as verifier:
        verifier.executor  # start the sandbox workers before the model loads (fork early)
        earlier_rows = [r for t in tasks if t in done for r in done[t]]
        if earlier_rows:
            marks["first_add"] = time.perf_counter()
            verifier.add(earlier_rows)

        def backend() -> Backend:
            if session.backend is None:
                t0 = time.perf_counter()
                session.backend = (backend_factory or (lambda c: make_backend(cfg.backend, c)))(
                    backend_config(cfg))
                timings["model_load_s"] = time.perf_counter() - t0
                run["backend"] = session.backend.name
                run["max_model_len"] = session.backend.max_model_len
            return session.backend

        if todo:
            # nearness workers fork before the model loads, as the sandbox's do
            near = _Near(cfg) if "neighbours" in cfg.prompt else None
            try:
                backend()
                t0 = time.perf_counter()
                with progress:
                    _generate(cfg, tasks, todo, session.backend, out, verifier, session.counters, progress,
                              marks, near)
                    timings["generation_s"] = time.perf_counter() - t0
                    t0 = time.perf_counter()
                    progress.wait_for(verifier)
                    timings["verification_tail_s"] = time.perf_counter() - t0
            finally:
                if near is not None:
                    near.close()
        done_rounds = {(t, row_round(r)) for t in done for r in done[t] if row_round(r) > 0}
        for rnd in range(1, cfg.repair_rounds + 1):
            _repair_round(cfg, tasks, rnd, done_rounds, backend, out, verifier, session, console)
        if session.backend is not None:
            session.backend.close()
        return verifier.finish()


def _repair_round(cfg: InferConfig, tasks: dict[str, Task], rnd: int, done_rounds: set[tuple[str, int]],
                  backend: Callable[[], Backend], out: Path, verifier: Any, session: _Session,
                  console: Any) -> None:
    """Round ``rnd`` of repair (see :mod:`infer.repair`) for the tasks without a verified program
    whose (task, round) is not already in candidates.jsonl; each task is written and handed to
    the verifier when its last repair prompt finishes."""
    verifier.wait()  # the earlier rounds' verdicts decide what is repaired
    by_task: dict[str, list[dict[str, Any]]] = {}
    for row in verifier.read_results():
        by_task.setdefault(row["task_id"], []).append(row)
    todo = [t for t in tasks if (t, rnd) not in done_rounds and by_task.get(t)
            and not any(r.get("status") == "verified" for r in by_task[t])]
    stats = session.repair.setdefault(rnd, {"tasks": 0, "parents": 0, "candidates": 0, "tokens": 0})
    if not todo:
        return
    model = backend()
    builder = make_builder(model.tokenizer, model.max_model_len, cfg.max_tokens, cfg.grid_format)
    progress = _Progress(cfg.progress, len(todo), console, label=f"repair {rnd}")

    def task_requests() -> Iterator[list[Request]]:
        for tid in todo:
            parents = select_parents(tasks[tid], by_task[tid], rnd, cfg.repair_top, verifier.executor.submit)
            groups = repair_groups(tid, rnd, parents, cfg.repair_samples, builder.count, builder.encode,
                                   builder.budget, cfg.grid_format)
            if not groups:
                progress.task_done(0, 0)
                continue
            yield [Request(g.prompt_ids, g.n, request_seed(cfg.seed, f"{tid}:r{rnd}", g.group), g) for g in groups]

    t0 = time.perf_counter()
    with progress:
        for finished in finished_tasks(model, task_requests()):
            rows = repair_rows(finished)
            append_jsonl(out / CANDIDATES, rows, fsync=True)  # the whole (task, round) at once
            session.counters.add(rows, task=False)
            tokens = sum(r["n_tokens"] for r in rows)
            stats["tasks"] += 1
            stats["parents"] += len(finished)
            stats["candidates"] += len(rows)
            stats["tokens"] += tokens
            verifier.add(rows)
            progress.task_done(len(rows), tokens, verifier)
        session.timings["generation_s"] += time.perf_counter() - t0
        progress.wait_for(verifier)


def _record_finished(run: dict[str, Any], tasks: dict[str, Task], done: dict[str, list[dict[str, Any]]],
                     dropped_lines: int, summary: dict[str, Any], session: _Session, out: Path,
                     start: float) -> None:
    """Fill ``run`` (the content of run.json) with the counts and timings of a finished run."""
    counters, timings, backend = session.counters, session.timings, session.backend
    now = time.perf_counter()
    # from the first candidate handed to the verifier to the last result: overlaps generation
    timings["verification_s"] = now - session.marks.get("first_add", now)
    timings["total_s"] = now - start
    timings["neighbours_s"] = counters.neighbours_s
    if counters.neighbours_s:
        timings["neighbours_per_task_s"] = counters.neighbours_s / max(1, counters.neighbours_tasks)
    gen_s = timings["generation_s"]
    skipped_now = task_rows(out / SKIPPED)
    run.update(
        status="finished", versions=versions(backend),
        timings={k: round(v, 3) for k, v in timings.items()},
        counts={
            "tasks": len(tasks), "tasks_generated_now": counters.tasks,
            "tasks_from_earlier_runs": sum(t in done for t in tasks),
            "tasks_skipped": sum(r["task_id"] in tasks for r in skipped_now),
            "candidates_now": counters.candidates, "candidates_with_code_now": counters.with_code,
            "generated_tokens_now": counters.tokens, "finish_reasons_now": counters.finish,
            "candidates_per_prompt_kind_now": counters.kinds,
            "neighbour_groups_now": counters.groups_with_neighbours_kind,
            "neighbour_groups_dropping_neighbours_now": counters.groups_dropping_neighbours,
            "dropped_partial_lines": dropped_lines,
            "candidates": summary["candidates"], "tasks_with_verified": summary["tasks_with_verified"],
            "statuses": summary["statuses"], "unique_programs": summary["unique_programs"],
        },
        score=summary.get("score"),
        tokens_per_s=round(counters.tokens / gen_s, 1) if gen_s > 0 else None,
        programs_per_s=round(counters.candidates / gen_s, 2) if gen_s > 0 else None,
        verified_per_s=summary["this_run"].get("candidates_per_s"),
        skipped=[r for r in skipped_now if r["task_id"] in tasks],
    )
    if session.repair:
        run["repair_now"] = {str(r): v for r, v in sorted(session.repair.items())}
    if backend is not None and hasattr(backend, "engine_kwargs"):
        run["engine"] = {k: str(v) for k, v in backend.engine_kwargs.items()}
    if backend is not None and hasattr(backend, "dtype"):
        run["dtype"] = backend.dtype


def _generate(cfg: InferConfig, tasks: dict[str, Task], todo: list[str], backend: Backend,
              out: Path, verifier: Any, counters: _Counters, progress: "_Progress",
              marks: dict[str, float], near: "_Near | None" = None) -> None:
    """Stream the prompts of ``todo`` through the backend; write each task when its last group
    finishes and hand it to the verifier. ``near`` finds the programs neighbours prompts show."""
    builder = make_builder(backend.tokenizer, backend.max_model_len, cfg.max_tokens, cfg.grid_format)
    n = cfg.predictions_per_task

    def task_requests() -> Iterator[list[Request]]:
        for tid in todo:
            augs = task_augmentations(tid, cfg.augmentations_per_task, cfg.seed, cfg.augment)
            built = builder.build(tasks[tid], n, augs, cfg.prompt,
                                  None if near is None else near.for_task(tasks[tid]))
            if isinstance(built, Skipped):
                append_jsonl(out / SKIPPED, [built.to_json()])
                counters.skipped += 1
                progress.task_done(0, 0)
                continue
            counters.add_groups(built)
            yield [Request(g.prompt_ids, g.n, request_seed(cfg.seed, tid, g.group), g) for g in built]

    try:
        for finished in finished_tasks(backend, task_requests()):
            rows = candidate_rows(finished)
            append_jsonl(out / CANDIDATES, rows, fsync=True)  # the whole task at once, on disk
            counters.add(rows)
            marks.setdefault("first_add", time.perf_counter())
            verifier.add(rows)
            progress.task_done(len(rows), sum(r["n_tokens"] for r in rows), verifier)
    finally:
        if near is not None:
            near.close()
            counters.neighbours_s, counters.neighbours_tasks = near.seconds, near.tasks


class _Near:
    """Near programs for neighbours prompts: library solutions (and a run's search candidates) scored
    on each task's train pairs on the trusted fast path (omni_arc.search.executor), then re-scored on each augmented
    view a prompt shows, so that every line about a program is true of the grids next to it."""

    def __init__(self, cfg: InferConfig) -> None:
        import numpy as np

        from omni_arc.neighbours import library_programs, trusted_runner

        self.cfg = cfg
        self.library = library_programs()
        self.rows = read_jsonl(Path(cfg.neighbour_candidates)) if cfg.neighbour_candidates else []
        self._ctx = trusted_runner(workers=cfg.verify_workers)  # our programs only: the trusted fast path
        self.run = self._ctx.__enter__()
        self.run([("def task(grid):\n    return grid", [np.zeros((1, 1), dtype=np.int8)])])  # fork the workers now
        self.seconds = 0.0
        self.tasks = 0

    def for_task(self, task: Task) -> Callable[[Task], list[Any]]:
        from omni_arc.neighbours import nearest, score_programs, search_programs
        from omni_arc.prompts import NeighbourText

        chosen: list[Any] | None = None

        def find() -> list[Any]:  # once per task, on the task as given; only if a group needs it
            nonlocal chosen
            if chosen is None:
                t0 = time.perf_counter()
                programs = self.library + search_programs(self.rows, task.id)
                chosen = [n.program for n in nearest(task.id, task.train, programs, self.run,
                                                     self.cfg.neighbours, self.cfg.leave_one_out)]
                self.seconds += time.perf_counter() - t0
                self.tasks += 1
            return chosen

        def texts(view: Task) -> list[NeighbourText]:
            programs = find()
            t1 = time.perf_counter()
            scored = sorted(score_programs(programs, view.train, self.run), key=lambda n: n.key())
            self.seconds += time.perf_counter() - t1
            return [NeighbourText(n.program.program_id, n.describe(), n.program.source) for n in scored]

        return texts

    def close(self) -> None:
        if self._ctx is not None:
            ctx, self._ctx = self._ctx, None
            ctx.__exit__(None, None, None)


class _Progress:
    """Two rich bars: tasks generated (with tokens/s) and candidates verified."""

    def __init__(self, enabled: bool, total_tasks: int, console: Any = None, label: str = "generate") -> None:
        self.enabled = enabled
        self.label = label
        self.total = total_tasks
        self.console = console
        self.bar = None
        self.tokens = 0
        self.started = time.perf_counter()

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                                console=self.console, transient=False)
            self.bar.start()
            self.gen = self.bar.add_task(self.label, total=self.total, info="")
            self.ver = self.bar.add_task("verify", total=0, info="")
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def task_done(self, candidates: int, tokens: int, verifier: Any = None) -> None:
        self.tokens += tokens
        if self.bar is None:
            return
        rate = self.tokens / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.gen, advance=1, info=f"{rate:,.0f} tok/s")
        if verifier is not None:
            self._verified(verifier)

    def _verified(self, verifier: Any) -> None:
        if self.bar is not None:
            verified = verifier.new_status.get("verified", 0)
            self.bar.update(self.ver, total=verifier.added, completed=verifier.written,
                            info=f"{verified} verified")

    def wait_for(self, verifier: Any) -> None:
        """Let the verifier finish what generation handed it, showing progress."""
        while verifier.written < verifier.added:
            verifier.add([])  # writes whatever the sandbox has finished
            self._verified(verifier)
            time.sleep(0.05)
        self._verified(verifier)


def format_summary(run: dict[str, Any]) -> str:
    """The one-screen summary printed at the end of ``omni infer``."""
    c, t = run["counts"], run["timings"]
    lines = [
        f"tasks: {c['tasks']} ({c['tasks_generated_now']} generated now, "
        f"{c['tasks_from_earlier_runs']} from earlier runs, {c['tasks_skipped']} skipped)",
        f"candidates: {c['candidates']} ({c['unique_programs']} unique programs); "
        f"with code this run: {c['candidates_with_code_now']}/{c['candidates_now']}",
        f"tasks with a verified program: {c['tasks_with_verified']}/{c['tasks']}",
        "statuses: " + ", ".join(f"{k} {v}" for k, v in c["statuses"].items() if v),
    ]
    for rnd, r in (run.get("repair_now") or {}).items():
        lines.append(f"repair round {rnd}: {r['parents']} programs of {r['tasks']} tasks repaired, "
                     f"{r['candidates']} samples, {r['tokens']} tokens")
    if run.get("score") is not None:
        lines.append(f"score (pass@2 on test outputs): {run['score']:.4f}")
    if run.get("tokens_per_s") is not None:
        lines.append(f"generation: {c['generated_tokens_now']} tokens in {t['generation_s']:.1f} s "
                     f"= {run['tokens_per_s']:,.1f} tokens/s, {run['programs_per_s']:.2f} programs/s "
                     f"({run['backend']}); model load {t['model_load_s']:.1f} s")
    if run.get("verified_per_s") is not None:
        lines.append(f"verification: {run['verified_per_s']} candidates/s "
                     f"(tail after generation {t['verification_tail_s']:.1f} s)")
    if c.get("neighbour_groups_now"):
        lines.append(f"neighbours prompts: {c['neighbour_groups_now']} groups, "
                     f"{c['neighbour_groups_dropping_neighbours_now']} dropped near programs to fit; nearness "
                     f"{t.get('neighbours_per_task_s', 0.0):.2f} s per task")
    lines.append(f"total {t['total_s']:.1f} s")
    return "\n".join(lines)
