"""``omni loop``: rounds of fine-tune -> sample -> verify -> relabel, each round training from the
previous round's adapter on the library plus the relabelled tasks of all earlier rounds.

One round ``k`` (folder ``round-k/``):

1. **train** (``train/``): :func:`train.trainer.run_training` from round ``k-1``'s adapter (round 1:
   ``start_adapter``, or a fresh LoRA adapter), with the library as the base source and
   ``round-(k-1)/buffer.jsonl`` as ``data.synthetic_files`` at ``synthetic_share``.
2. **sample and verify** (``sample/``): :func:`infer.run.run_inference` on the round's training
   tasks (drawn from the ARC-AGI-1 training tasks outside the held-out split) and on the held-out
   tasks (:func:`train.dataset.split_task_ids` of the library, measured every round and never
   relabelled, so never trained on).
3. **relabel** (``relabel.jsonl``): every program of the round's training tasks that gave a grid
   on all train inputs becomes a task with its own outputs (:mod:`omni_arc.synth`'s filters).
   With ``tasks.eval_inputs``, the same programs also run on the *inputs* of that dataset's tasks
   (``eval-inputs.jsonl``): the tasks are stripped of every output as soon as they are loaded,
   so no evaluation output can reach a file.
   With ``measure.dataset`` (e.g. the demo's ARC-AGI-1 evaluation subset), the round's adapter
   also samples on those tasks (``measure/``) and they are scored -- only scored: nothing of
   ``measure/`` is ever relabelled or read by training.
4. **buffer** (``buffer.jsonl``): the earlier buffer plus this round's new tasks (deduplicated by
   behaviour): the next round's synthetic source.
5. ``round.json`` (written last: the round is finished and is never redone), then ``rounds.jsonl``,
   ``rounds.png`` and the rounds table are rewritten from all finished rounds.

A killed round resumes through each stage's own resumability (training checkpoints, infer's
candidates.jsonl, relabel's ``.stats.json``).
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import yaml

from omni_arc.errors import UserError
from omni_arc.io import atomic_write_json, atomic_write_jsonl, read_jsonl

ROUND_JSON = "round.json"
STATE_JSON = "state.json"
LOOP_YAML = "loop.yaml"
ROUNDS_JSONL = "rounds.jsonl"
ROUNDS_PNG = "rounds.png"
# What a resumed loop may change: only how many rounds it runs (and where it prints).
RESUMABLE_KEYS = ("rounds",)
# InferConfig fields the loop sets itself (the rest may be given under ``infer:``).
_INFER_OWN = ("model", "dataset", "output", "adapter", "tasks", "limit", "progress", "backend_extra")


# ---------------------------------------------------------------- configuration


@dataclass
class TaskSetConfig:
    """Which tasks a round samples on and which it only measures."""

    dataset: str = "arc-agi-1/training"  # the round's tasks come from here (library split applies)
    per_round: int = 20  # training tasks drawn for each round (0: all outside the held-out split)
    ids: list[str] = field(default_factory=list)  # explicit round tasks (instead of drawing)
    heldout: int = 10  # held-out tasks measured each round, the same ones every round (0: all)
    eval_inputs: str = ""  # a dataset whose task INPUTS (only) programs are relabelled on ("": none)
    eval_tasks: int = 0  # how many of its tasks (first by id; 0: all)
    programs_per_eval_task: int = 4  # programs run on each of those tasks' inputs


@dataclass
class MeasureConfig:
    """Tasks sampled and scored every round, never trained on (e.g. ARC-AGI-1 evaluation)."""

    dataset: str = ""  # "": no such measurement
    tasks: int = 0  # how many: the first N of a seeded sample of the sorted ids (0: all)
    subset_seed: int = 2024  # 2024 with tasks: 40 is the demo's evaluation subset (tools/demo.py)
    predictions_per_task: int = 0  # 0: as in infer


@dataclass
class RelabelConfig:
    """The sandbox of relabelling."""

    workers: int = 0  # 0: one per core
    timeout: float = 2.0  # CPU seconds a program may use on all its inputs


@dataclass
class LoopConfig:
    """A whole loop: where, how many rounds, the training recipe, the tasks, sampling, relabelling."""

    output_dir: str = "runs/loop/default"
    rounds: int = 2
    seed: int = 0
    start_adapter: str = ""  # LoRA adapter round 1 trains from ("": a fresh adapter)
    train_config: str = ""  # a train config file (``omni train --config``); "" = train's defaults
    train: dict = field(default_factory=dict)  # overrides of the train config, same keys
    library_tasks: list[str] = field(default_factory=list)  # restrict the library ([]: all of it)
    synthetic_share: float = 0.25  # share of each round's samples drawn from the relabelled buffer
    tasks: TaskSetConfig = field(default_factory=TaskSetConfig)
    infer: dict = field(default_factory=dict)  # omni infer's parameters (InferConfig fields)
    relabel: RelabelConfig = field(default_factory=RelabelConfig)
    measure: MeasureConfig = field(default_factory=MeasureConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _validate(cfg: LoopConfig, where: str) -> LoopConfig:
    from infer.run import InferConfig

    def need(ok: bool, key: str, what: str) -> None:
        if not ok:
            raise UserError(f"{where}: {key}: {what}")

    t = cfg.tasks
    need(cfg.rounds >= 1, "rounds", "expected at least 1")
    need(0.0 < cfg.synthetic_share < 1.0, "synthetic_share", "expected a share in (0, 1)")
    need(t.per_round >= 0, "tasks.per_round", "expected 0 (all) or a number of tasks")
    need(t.heldout >= 0, "tasks.heldout", "expected 0 (all) or a number of tasks")
    need(t.eval_tasks >= 0, "tasks.eval_tasks", "expected 0 (all) or a number of tasks")
    need(t.programs_per_eval_task >= 1, "tasks.programs_per_eval_task", "expected at least 1")
    need(cfg.measure.tasks >= 0, "measure.tasks", "expected 0 (all) or a number of tasks")
    need(cfg.measure.predictions_per_task >= 0, "measure.predictions_per_task", "expected 0 (as infer) or a count")
    need(cfg.relabel.workers >= 0, "relabel.workers", "expected 0 (one per core) or a count")
    need(cfg.relabel.timeout > 0, "relabel.timeout", "expected a positive number of seconds")
    fields = {f.name: f for f in dataclasses.fields(InferConfig)}
    for key in cfg.infer:
        need(key in fields and key not in _INFER_OWN, f"infer.{key}", "unknown key (expected one of "
             + ", ".join(k for k in fields if k not in _INFER_OWN) + ")")
    return cfg


def loop_config_from_dict(raw: Any, where: str) -> LoopConfig:
    """A checked :class:`LoopConfig` (``where`` names the file in errors).

    >>> loop_config_from_dict({"rounds": 3, "tasks": {"per_round": 5}}, "x.yaml").tasks.per_round
    5
    >>> loop_config_from_dict({"round": 3}, "x.yaml")
    Traceback (most recent call last):
    ...
    train.config.ConfigError: x.yaml: round: unknown key (expected one of output_dir, rounds, seed, start_adapter, train_config, train, library_tasks, synthetic_share, tasks, infer, relabel, measure)
    """
    from train.config import fill_dataclass

    cfg = LoopConfig()
    fill_dataclass(cfg, raw if raw is not None else {}, "", where)
    return _validate(cfg, where)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise UserError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder; expected a YAML file") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise UserError(f"{path}: invalid YAML{f' at line {mark.line + 1}' if mark else ''}") from None


def load_loop_config(path: str | Path) -> LoopConfig:
    """Read and check a loop YAML file (the train config it names is checked too)."""
    path = Path(path)
    cfg = loop_config_from_dict(_read_yaml(path), str(path))
    train_config(cfg, str(path))
    return cfg


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid over ``base``, mappings merged key by key.

    >>> _merge({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}})
    {'a': {'b': 1, 'c': 3}}
    """
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def train_config(cfg: LoopConfig, where: str):
    """The :class:`train.config.TrainConfig` of the loop: ``train_config`` with ``train`` laid over it."""
    from train.config import config_from_dict

    raw: dict[str, Any] = {}
    if cfg.train_config:
        if not Path(cfg.train_config).is_file():
            raise UserError(f"{where}: train_config: {cfg.train_config}: file not found "
                            "(a path relative to the folder omni loop runs in)")
        raw = _read_yaml(Path(cfg.train_config)) or {}
        if not isinstance(raw, dict):
            raise UserError(f"{cfg.train_config}: expected a mapping of train settings")
    label = f"{where}: train (over {cfg.train_config})" if cfg.train_config else f"{where}: train"
    return config_from_dict(_merge(raw, cfg.train), label)


# ---------------------------------------------------------------- task sets


@dataclass(frozen=True)
class TaskPlan:
    """The task ids of the loop: held-out ones (measured only) and each round's training tasks."""

    heldout: tuple[str, ...]
    pool: tuple[str, ...]  # candidates for round tasks (never held out)


def plan_tasks(dataset_ids: Sequence[str], library_ids: Sequence[str], val_fraction: float,
               val_tasks: Sequence[str] = ()) -> TaskPlan:
    """Held-out ids = the validation split of the library (as training computes it); the pool =
    the dataset's other ids.

    >>> p = plan_tasks(["a", "b", "c", "d"], ["a", "b", "c"], 0.0, val_tasks=["b"])
    >>> p.heldout, p.pool
    (('b',), ('a', 'c', 'd'))
    """
    from train.dataset import split_task_ids

    _, val = split_task_ids(list(library_ids), val_fraction, list(val_tasks))
    held = set(val)
    return TaskPlan(tuple(sorted(held)), tuple(t for t in sorted(dataset_ids) if t not in held))


def round_tasks(plan: TaskPlan, k: int, seed: int, per_round: int, ids: Sequence[str] = ()) -> list[str]:
    """The training tasks of round ``k``: ``ids`` when given, else ``per_round`` of the pool drawn
    under ``(seed, k)`` (all of it when 0).

    >>> p = TaskPlan(("x",), ("a", "b", "c", "d"))
    >>> len(round_tasks(p, 1, 0, 2)), round_tasks(p, 1, 0, 2) == round_tasks(p, 1, 0, 2)
    (2, True)
    >>> round_tasks(p, 1, 0, 0, ids=["c", "a"])
    ['a', 'c']
    """
    if ids:
        return sorted(set(ids))
    if per_round == 0 or per_round >= len(plan.pool):
        return list(plan.pool)
    rng = np.random.default_rng([seed, 7, k])
    return sorted(plan.pool[int(i)] for i in rng.choice(len(plan.pool), per_round, replace=False))


# ---------------------------------------------------------------- per-round metrics


def rates(rows: Sequence[dict[str, Any]], task_ids: Sequence[str], submission: dict[str, Any],
          truths: dict[str, list]) -> dict[str, Any]:
    """Verified and solved rates of a set of tasks from a run's results and submission.

    >>> rows = [{"task_id": "a", "status": "verified"}, {"task_id": "b", "status": "exception"}]
    >>> r = rates(rows, ["a", "b"], {"a": [{"attempt_1": [[1]]}]}, {"a": [[[1]]], "b": [[[2]]]})
    >>> r["verified_rate"], r["solved_rate"], r["verified_programs"]
    (0.5, 0.5, 1)
    """
    from omni_arc.evaluate.metrics import task_score

    ids = set(task_ids)
    mine = [r for r in rows if r.get("task_id") in ids]
    verified = {r["task_id"] for r in mine if r.get("status") == "verified"}
    scores = [task_score(submission.get(t), truths[t]) for t in task_ids if truths.get(t)]
    n = len(ids)
    return {
        "tasks": n, "samples": len(mine),
        "tasks_verified": len(verified), "verified_rate": round(len(verified) / n, 4) if n else None,
        "verified_programs": sum(r.get("status") == "verified" for r in mine),
        "solved_rate": round(sum(scores) / len(scores), 4) if scores else None,
    }


def program_hashes(rows: Sequence[dict[str, Any]]) -> set[str]:
    """Distinct programs (verify's ``program_hash``) among rows that had code."""
    return {r["program_hash"] for r in rows if isinstance(r.get("program_hash"), str) and r.get("code")}


# ---------------------------------------------------------------- relabelling


def relabel_rows(rows: Sequence[dict[str, Any]], round_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The result rows that may be relabelled: those of the round's own (training) tasks only."""
    ids = set(round_ids)
    return [r for r in rows if r.get("task_id") in ids]


def eval_input_plan(rows: Sequence[dict[str, Any]], eval_tasks: dict[str, Any], per_task: int,
                    seed: int) -> tuple[Callable[[int], Any], int]:
    """Candidates that run the round's programs (those that gave grids on every train input of
    their own task) on the inputs of ``eval_tasks`` (:class:`omni_arc.synth.TaskInputs`: inputs
    only). Returns ``(plan, n_slots)`` for :func:`omni_arc.synth.run_to_file`."""
    from omni_arc.synth import RELABEL_STATUSES, Candidate, TaskInputs, code_digest

    programs: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r.get("status") in RELABEL_STATUSES and isinstance(r.get("code"), str):
            programs.setdefault(code_digest(r["code"]), (r["task_id"], r["code"]))
    progs = [programs[d] for d in sorted(programs)]
    pairs: list[tuple[str, int]] = []
    for eid in sorted(eval_tasks):
        if not progs:
            break
        rng = np.random.default_rng([seed, 11, zlib.crc32(eid.encode())])
        for j in sorted(rng.choice(len(progs), min(per_task, len(progs)), replace=False)):
            pairs.append((eid, int(j)))

    def plan(slot: int) -> Any:
        eid, j = pairs[slot]
        t: TaskInputs = eval_tasks[eid]
        source_task, code = progs[j]
        inputs = [np.asarray(x) for x in (*t.train, *t.test)]
        return Candidate(slot, "inputs", source_task, (source_task,), "relabel",
                         f"program of {source_task} on the inputs of {eid}", code, inputs, len(t.train),
                         f"inputs:{eid}", len(inputs), [], required=len(t.train))

    return plan, len(pairs)


def merge_buffer(*sources: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of several synthetic-task files, the first of each behaviour (domain, fingerprint) kept.

    >>> a = {"task_id": "x", "parent": "p", "fingerprint": "f"}
    >>> [r["task_id"] for r in merge_buffer([a], [dict(a, task_id="y"), dict(a, task_id="z", fingerprint="g")])]
    ['x', 'z']
    """
    seen: set[tuple[str, str]] = set()
    out = []
    for rows in sources:
        for r in rows:
            key = (r.get("domain", r["parent"]), r["fingerprint"])
            if key not in seen:
                seen.add(key)
                out.append(r)
    return out


# ---------------------------------------------------------------- the loop


class _Say:
    """Stage lines on the console (stderr)."""

    def __init__(self, console: Any, enabled: bool) -> None:
        self.console, self.enabled = console, enabled

    def __call__(self, text: str) -> None:
        if self.enabled and self.console is not None:
            self.console.print(text, highlight=False)


def check_resume(out: Path, cfg: LoopConfig) -> None:
    """Refuse to continue a loop folder written with another configuration (``rounds`` may grow)."""
    saved = out / LOOP_YAML
    if not saved.exists():
        return
    try:
        old = yaml.safe_load(saved.read_text())
    except yaml.YAMLError:
        raise UserError(f"{saved}: unreadable; use another --output-dir") from None
    new = cfg.to_dict()
    for key, value in new.items():
        if key not in RESUMABLE_KEYS and key != "output_dir" and isinstance(old, dict) and old.get(key) != value:
            raise UserError(f"{saved}: {key} differs from the loop already in {out}; use the same "
                            "config to resume, or another --output-dir")


def _state(rdir: Path) -> dict[str, Any]:
    path = rdir / STATE_JSON
    return json.loads(path.read_text()) if path.exists() else {"seconds": {}}


def _stage_done(rdir: Path, state: dict[str, Any], stage: str, seconds: float) -> None:
    state["seconds"][stage] = round(state["seconds"].get(stage, 0.0) + seconds, 2)
    state.setdefault("done", []).append(stage)
    atomic_write_json(rdir / STATE_JSON, state)


def run_loop(cfg: LoopConfig, output_dir: str | Path | None = None, *, where: str = "loop config",
             backend_factory: Callable[[Any], Any] | None = None, progress: bool = True,
             console: Any = None) -> list[dict[str, Any]]:
    """Run (or resume) every round of ``cfg``; return the rows of rounds.jsonl.

    ``backend_factory`` replaces infer's backend (tests use fakes)."""
    from omni_arc.data import load_dataset
    from omni_arc.models import resolve_model

    say = _Say(console, progress)
    out = Path(output_dir or cfg.output_dir).resolve()
    tcfg = train_config(cfg, where)
    tcfg.model = str(resolve_model(tcfg.model).resolve())
    if cfg.start_adapter and not (Path(cfg.start_adapter) / "adapter_config.json").exists():
        raise UserError(f"{where}: start_adapter: {cfg.start_adapter} has no adapter_config.json")
    check_resume(out, cfg)
    out.mkdir(parents=True, exist_ok=True)
    (out / LOOP_YAML).write_text(yaml.safe_dump(cfg.to_dict(), sort_keys=False))
    from omni_arc.library import load_library

    library_ids = sorted(load_library())
    if cfg.library_tasks:
        unknown = sorted(set(cfg.library_tasks) - set(library_ids))
        if unknown:
            raise UserError(f"{where}: library_tasks: no library program for task {unknown[0]!r}")
        library_ids = sorted(set(cfg.library_tasks))
    dataset = load_dataset(cfg.tasks.dataset)
    plan = plan_tasks(list(dataset), library_ids, tcfg.data.val_fraction, tcfg.data.val_tasks)
    bad = sorted(set(cfg.tasks.ids) - set(plan.pool))
    if bad:
        why = "is held out" if bad[0] in plan.heldout else f"is not in {cfg.tasks.dataset}"
        raise UserError(f"{where}: tasks.ids: task {bad[0]!r} {why}")
    heldout = [t for t in plan.heldout if t in dataset]
    heldout = heldout[:cfg.tasks.heldout] if cfg.tasks.heldout else heldout
    eval_inputs = _eval_inputs(cfg)  # inputs only: outputs are dropped as the tasks load
    measure_tasks = load_dataset(cfg.measure.dataset) if cfg.measure.dataset else {}  # scored only
    for k in range(1, cfg.rounds + 1):
        rdir = out / f"round-{k}"
        if (rdir / ROUND_JSON).exists():
            say(f"round {k}/{cfg.rounds}: finished earlier (kept)")
            continue
        ids = round_tasks(plan, k, cfg.seed, cfg.tasks.per_round, cfg.tasks.ids)
        _run_round(cfg, tcfg, k, rdir, out, ids, heldout, dataset, eval_inputs, measure_tasks,
                   library_ids, backend_factory, progress, console, say)
        write_reports(out)
    rows = finished_rounds(out)
    write_reports(out)
    return rows


def _eval_inputs(cfg: LoopConfig) -> dict[str, Any]:
    from omni_arc.data import load_dataset
    from omni_arc.synth import inputs_only

    if not cfg.tasks.eval_inputs:
        return {}
    stripped = inputs_only(load_dataset(cfg.tasks.eval_inputs))  # the outputs are gone from here on
    ids = sorted(stripped)
    ids = ids[:cfg.tasks.eval_tasks] if cfg.tasks.eval_tasks else ids
    return {t: stripped[t] for t in ids}


def _run_round(cfg: LoopConfig, tcfg: Any, k: int, rdir: Path, out: Path, ids: list[str],
               heldout: list[str], dataset: dict[str, Any], eval_inputs: dict[str, Any],
               measure_tasks: dict[str, Any], library_ids: list[str], backend_factory: Any,
               progress: bool, console: Any, say: _Say) -> None:
    from omni_arc.synth import read_rows

    rdir.mkdir(parents=True, exist_ok=True)
    state = _state(rdir)
    done = set(state.get("done", []))
    prev = out / f"round-{k - 1}"
    prev_buffer = prev / "buffer.jsonl" if k > 1 else None
    init = str(prev / "train" / "adapter") if k > 1 else (cfg.start_adapter or None)

    # 1. train
    train_dir = rdir / "train"
    if "train" not in done:
        t0 = time.perf_counter()
        rcfg = copy.deepcopy(tcfg)
        rcfg.output_dir = str(train_dir)
        rcfg.seed = tcfg.seed + k - 1
        if prev_buffer is not None and read_rows(prev_buffer):
            rcfg.data.synthetic_files = [*tcfg.data.synthetic_files, f"{prev_buffer}@{cfg.synthetic_share}"]
        say(f"round {k}/{cfg.rounds}: training {rcfg.training['max_steps']} steps from "
            f"{'the adapter of round %d' % (k - 1) if k > 1 else (init or 'a fresh adapter')}"
            + (f" (+ {len(read_rows(prev_buffer))} relabelled tasks at {cfg.synthetic_share})"
               if rcfg.data.synthetic_files else ""))
        from train.dataset import library_tasks
        from train.trainer import run_training

        lib = library_tasks(library_ids) if cfg.library_tasks else None
        run_training(rcfg, train_dir, progress=progress, tasks=lib, init_adapter=init)
        _stage_done(rdir, state, "train", time.perf_counter() - t0)

    # 2. sample + verify
    sample_dir = rdir / "sample"
    if "sample" not in done:
        t0 = time.perf_counter()
        say(f"round {k}/{cfg.rounds}: sampling on {len(ids)} tasks + {len(heldout)} held-out tasks")
        from infer.run import InferConfig, run_inference

        icfg = InferConfig(model=Path(tcfg.model), dataset=cfg.tasks.dataset, output=sample_dir,
                           adapter=train_dir / "adapter", tasks=[*ids, *heldout], progress=progress,
                           **cfg.infer)
        run_inference(icfg, backend_factory=backend_factory, console=console)
        _stage_done(rdir, state, "sample", time.perf_counter() - t0)
        import shutil

        shutil.rmtree(sample_dir / "merged-model", ignore_errors=True)  # a model copy per round: not kept

    # 2b. measure: sampled and scored only (nothing under measure/ is relabelled or trained on)
    from omni_arc.data import seeded_subset

    mids = seeded_subset(list(measure_tasks), cfg.measure.tasks, cfg.measure.subset_seed)
    if cfg.measure.dataset and "measure" not in done:
        t0 = time.perf_counter()
        say(f"round {k}/{cfg.rounds}: measuring on {len(mids)} tasks of {cfg.measure.dataset}")
        from infer.run import InferConfig, run_inference

        n = cfg.measure.predictions_per_task or cfg.infer.get("predictions_per_task", InferConfig.predictions_per_task)
        mcfg = InferConfig(model=Path(tcfg.model), dataset=cfg.measure.dataset, output=rdir / "measure",
                           adapter=train_dir / "adapter", tasks=mids, progress=progress,
                           **{**cfg.infer, "predictions_per_task": n})
        run_inference(mcfg, backend_factory=backend_factory, console=console)
        _stage_done(rdir, state, "measure", time.perf_counter() - t0)
        import shutil

        shutil.rmtree(rdir / "measure" / "merged-model", ignore_errors=True)

    # 3. relabel (the round's own tasks; then the programs on evaluation inputs, inputs only)
    results = read_jsonl(sample_dir / "results.jsonl")
    mine = relabel_rows(results, ids)
    if "relabel" not in done:
        t0 = time.perf_counter()
        say(f"round {k}/{cfg.rounds}: relabelling {len(mine)} programs"
            + (f" (and on the inputs of {len(eval_inputs)} tasks)" if eval_inputs else ""))
        _relabel(cfg, k, rdir, mine, {t: dataset[t] for t in ids}, eval_inputs, progress)
        _stage_done(rdir, state, "relabel", time.perf_counter() - t0)

    # 4. buffer, 5. round.json
    earlier = read_rows(prev_buffer) if prev_buffer is not None else []
    new = merge_buffer(read_rows(rdir / "relabel.jsonl"), read_rows(rdir / "eval-inputs.jsonl"))
    buffer = merge_buffer(earlier, new)
    atomic_write_jsonl(rdir / "buffer.jsonl", buffer)
    row = _round_row(k, rdir, out, ids, heldout, dataset, results, len(buffer) - len(earlier), len(buffer),
                     sum(r.get("kind") == "relabel" and r["task_id"].startswith("inputs-") for r in new),
                     state, init)
    if cfg.measure.dataset:
        row.update(_measure_row(rdir / "measure", measure_tasks, mids, cfg.measure.dataset))
    atomic_write_json(rdir / ROUND_JSON, row)
    say(f"round {k}/{cfg.rounds}: verified {row['verified_rate']:.0%} of its tasks, "
        f"{row['heldout_verified_rate'] or 0:.0%} of held-out; +{row['new_tasks']} relabelled tasks")


def _relabel(cfg: LoopConfig, k: int, rdir: Path, rows: list[dict[str, Any]], tasks: dict[str, Any],
             eval_inputs: dict[str, Any], progress: bool) -> None:
    from omni_arc.sandbox import Executor
    from omni_arc.synth import Filter, add_cpu_seconds, inputs_only, relabel_plan, run_to_file

    before = os.times()
    with Executor(workers=cfg.relabel.workers or None, timeout_s=cfg.relabel.timeout) as ex:
        plan = relabel_plan(rows, inputs_only(tasks), str(rdir / "sample/results.jsonl"))
        stats = run_to_file(rdir / "relabel.jsonl", plan, Filter(ex.run_many), n_slots=len(rows),
                            meta={"command": "loop-relabel", "round": k}, progress=progress,
                            description="relabelling")
    add_cpu_seconds(rdir / "relabel.jsonl", stats, before)  # the workers are reaped: their CPU counts
    if eval_inputs:
        before = os.times()
        with Executor(workers=cfg.relabel.workers or None, timeout_s=cfg.relabel.timeout) as ex:
            eplan, n = eval_input_plan(rows, eval_inputs, cfg.tasks.programs_per_eval_task, cfg.seed + k)
            stats = run_to_file(rdir / "eval-inputs.jsonl", eplan, Filter(ex.run_many), n_slots=n,
                                meta={"command": "loop-eval-inputs", "round": k}, progress=progress,
                                description="on evaluation inputs")
        add_cpu_seconds(rdir / "eval-inputs.jsonl", stats, before)


def _measure_row(folder: Path, tasks: dict[str, Any], ids: list[str], name: str) -> dict[str, Any]:
    """Verified and solved rates of the measured tasks (their true test outputs score the run)."""
    submission = json.loads((folder / "submission.json").read_text())
    truths = {t: [p.output.tolist() for p in tasks[t].test if p.output is not None] for t in ids}
    m = rates(read_jsonl(folder / "results.jsonl"), ids, submission, truths)
    return {"measure_dataset": name, "measure_tasks": m["tasks"], "measure_verified_rate": m["verified_rate"],
            "measure_solved_rate": m["solved_rate"]}


def _round_row(k: int, rdir: Path, out: Path, ids: list[str], heldout: list[str], dataset: dict[str, Any],
               results: list[dict[str, Any]], new_tasks: int, buffer_tasks: int, new_from_eval_inputs: int,
               state: dict[str, Any], init: str | None) -> dict[str, Any]:
    submission = json.loads((rdir / "sample/submission.json").read_text())
    truths = {t: [p.output.tolist() for p in dataset[t].test if p.output is not None] for t in [*ids, *heldout]}
    mine, held = rates(results, ids, submission, truths), rates(results, heldout, submission, truths)
    seen: set[str] = set()
    for j in range(1, k):
        seen |= program_hashes(read_jsonl(out / f"round-{j}/sample/results.jsonl"))
    now = program_hashes(results)
    candidates = read_jsonl(rdir / "sample/candidates.jsonl")
    train = json.loads((rdir / "train/summary.json").read_text())
    seconds = dict(state["seconds"])
    return {
        "round": k, "tasks": mine["tasks"], "verified_rate": mine["verified_rate"],
        "solved_rate": mine["solved_rate"], "verified_programs": mine["verified_programs"],
        "heldout_tasks": held["tasks"], "heldout_verified_rate": held["verified_rate"],
        "heldout_solved_rate": held["solved_rate"], "samples": len(candidates),
        "unique_programs": len(now), "new_unique_programs": len(now - seen),
        "new_tasks": new_tasks, "new_tasks_from_eval_inputs": new_from_eval_inputs, "buffer_tasks": buffer_tasks,
        "generated_tokens": sum(int(r.get("n_tokens") or 0) for r in candidates),
        "train_tokens": train.get("num_tokens"), "train_steps": train.get("global_step"),
        "seconds": seconds, "total_s": round(sum(seconds.values()), 1),
        "started_from": init, "task_ids": ids, "heldout_ids": heldout,
    }


# ---------------------------------------------------------------- reports


def finished_rounds(out: Path) -> list[dict[str, Any]]:
    """The round.json of every finished round of a loop folder, by round."""
    rows = []
    for path in out.glob(f"round-*/{ROUND_JSON}"):
        rows.append(json.loads(path.read_text()))
    return sorted(rows, key=lambda r: r["round"])


def _pct(x: Any) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """The rounds as a Markdown table.

    >>> print(format_table([{"round": 1, "tasks": 2, "verified_rate": 0.5, "heldout_tasks": 1,
    ...     "heldout_verified_rate": 0.0, "solved_rate": 0.5, "heldout_solved_rate": 0.0,
    ...     "new_unique_programs": 3, "new_tasks": 1, "buffer_tasks": 1, "generated_tokens": 40,
    ...     "seconds": {"train": 1.0, "sample": 2.0}, "total_s": 3.0}]).splitlines()[2])
    | 1 | 2 | 50.0% | 50.0% | 1 | 0.0% | 0.0% | 3 | 1 | 1 | 40 | 1 | 2 | 0 | 3 |
    """
    head = ("| round | tasks | verified | solved | held-out | held-out verified | held-out solved | "
            "new programs | new tasks | buffer | tokens | train s | sample s | relabel s | total s |")
    measured = any("measure_tasks" in r for r in rows)
    if measured:
        head += " measured | measured verified | measured solved |"
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for r in rows:
        s = r["seconds"]
        line = (
            f"| {r['round']} | {r['tasks']} | {_pct(r['verified_rate'])} | {_pct(r['solved_rate'])} | "
            f"{r['heldout_tasks']} | {_pct(r['heldout_verified_rate'])} | {_pct(r['heldout_solved_rate'])} | "
            f"{r['new_unique_programs']} | {r['new_tasks']} | {r['buffer_tasks']} | {r['generated_tokens']} | "
            f"{s.get('train', 0):.0f} | {s.get('sample', 0):.0f} | {s.get('relabel', 0):.0f} | {r['total_s']:.0f} |")
        if measured:
            line += (f" {r.get('measure_tasks', '-')} | {_pct(r.get('measure_verified_rate'))} | "
                     f"{_pct(r.get('measure_solved_rate'))} |")
        lines.append(line)
    return "\n".join(lines)


def plot_rounds(rows: Sequence[dict[str, Any]], path: Path) -> Path:
    """Verified rates (round tasks, held-out) and new programs/tasks per round."""
    from omni_arc.evaluate.plots import _figure, _integer_ticks

    fig = _figure(9.0, 4.0)
    ax, bx = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    k = [r["round"] for r in rows]

    def series(key: str) -> list[float]:
        return [float("nan") if r[key] is None else r[key] for r in rows]

    ax.plot(k, series("verified_rate"), marker="o", label="round tasks: verified")
    ax.plot(k, series("heldout_verified_rate"), marker="s", linestyle="--", label="held-out: verified")
    ax.plot(k, series("heldout_solved_rate"), marker="^", linestyle=":", label="held-out: solved")
    if any("measure_tasks" in r for r in rows):
        ax.plot(k, [float("nan") if r.get("measure_solved_rate") is None else r["measure_solved_rate"] for r in rows],
                marker="D", linestyle="-.", label=f"{rows[-1].get('measure_dataset', 'measured')}: solved")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("round")
    ax.set_ylabel("share of tasks")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    width = 0.4
    bx.bar([x - width / 2 for x in k], [r["new_unique_programs"] for r in rows], width, label="new unique programs")
    bx.bar([x + width / 2 for x in k], [r["new_tasks"] for r in rows], width, label="new relabelled tasks")
    bx.set_xlabel("round")
    bx.set_ylabel("count")
    bx.set_ylim(bottom=0)
    _integer_ticks(bx.yaxis)
    bx.grid(alpha=0.3, axis="y")
    bx.legend(fontsize=8)
    for a in (ax, bx):
        _integer_ticks(a.xaxis)
    fig.tight_layout()
    fig.savefig(path)
    return path


def write_reports(out: Path) -> list[dict[str, Any]]:
    """rounds.jsonl and rounds.png from the finished rounds of ``out``."""
    rows = finished_rounds(out)
    atomic_write_jsonl(out / ROUNDS_JSONL, rows)
    if rows:
        tmp = out / (ROUNDS_PNG + ".tmp.png")
        plot_rounds(rows, tmp)
        tmp.replace(out / ROUNDS_PNG)
    return rows
