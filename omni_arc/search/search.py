"""`omni search`: library transfer and composition search as a candidate source.

Runs :func:`omni_arc.search.compose.search_task` for every task in a
:class:`~omni_arc.search.executor.TrustedPool`, writes the programs that reproduce every train
pair as candidates (``source`` = ``library`` for an unchanged library program, ``search`` for a
composition; ``code`` is a standalone program), then verifies them like any candidate
(:class:`omni_arc.verify.Verifier`, in the sandbox) into results.jsonl and submission.json.

The run directory resumes: ``search_tasks.jsonl`` records each finished task (its candidates are
in candidates.jsonl before its record is written), and a re-run skips those tasks.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from omni_arc.data import Task
from omni_arc.errors import UserError
from omni_arc.io import append_jsonl, atomic_write_json, atomic_write_jsonl, read_jsonl

TASKS_FILE = "search_tasks.jsonl"
MEMORY_MB = 512  # address space a worker may add: ARC-sized programs need far less; a runaway one fails fast
CANDIDATES_FILE = "candidates.jsonl"


@dataclass(frozen=True)
class SearchConfig:
    """The options that decide what a search finds (a resumed run must use the same)."""

    budget_s: float = 4.0  # CPU seconds per task
    timeout_s: float = 0.15  # CPU seconds per guarded call (a program on the train inputs)
    library_only: bool = False
    leave_one_out: bool = False
    max_groups: int = 3  # distinct test predictions written per task


def left_out(task_id: str) -> set[str]:
    """The library programs leave-one-out hides for ``task_id``: its own and its same-rule group.

    >>> sorted(left_out("74dd1130")), sorted(left_out("00000000"))
    (['74dd1130', '9dfd6313'], ['00000000'])
    """
    from omni_arc.library import same_rule_group

    return set(same_rule_group(task_id))


def shape_relation(pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> str:
    """How output shapes follow input shapes over ``pairs``: same, fixed, scaled a×b, shrunk a×b, other.

    >>> z = np.zeros
    >>> shape_relation([(z((2, 2)), z((2, 2))), (z((3, 1)), z((3, 1)))])
    'same'
    >>> shape_relation([(z((2, 2)), z((4, 6)))])
    'scaled 2x3'
    """
    shapes = [(np.shape(x), np.shape(y)) for x, y in pairs]
    if all(a == b for a, b in shapes):
        return "same"
    ratios = set()
    for (h, w), (H, W) in shapes:
        if H % h == 0 and W % w == 0:
            ratios.add(("scaled", H // h, W // w))
        elif h % H == 0 and w % W == 0:
            ratios.add(("shrunk", h // H, w // W))
        else:
            ratios.add(None)
    if len(ratios) == 1 and None not in ratios:
        kind, a, b = ratios.pop()
        return f"{kind} {a}x{b}"
    if len({b for _, b in shapes}) == 1:
        return "fixed"
    return "other"


def train_pairs(task: Task) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.asarray(p.input), np.asarray(p.output)) for p in task.train]


class Library:
    """The library programs (sources) and the shape relation of each one's own training task."""

    def __init__(self, sources: Mapping[str, str], relations: Mapping[str, str]):
        self.sources = dict(sources)
        self.relations = dict(relations)

    @classmethod
    def load(cls) -> "Library":
        from omni_arc.data import load_dataset
        from omni_arc.library import library_ids, load_solution

        training = load_dataset("arc-agi-1/training")
        sources, relations = {}, {}
        for tid in library_ids():
            sources[tid] = load_solution(tid).source
            relations[tid] = shape_relation(train_pairs(training[tid])) if tid in training else "other"
        return cls(sources, relations)

    def order(self, task: Task, exclude: set[str]) -> tuple[list[str], int]:
        """Program ids for ``task``, those whose own task has the same shape relation first
        (the prior), and how many lead."""
        rel = shape_relation(train_pairs(task))
        ids = [pid for pid in sorted(self.sources) if pid not in exclude]
        lead = [pid for pid in ids if self.relations.get(pid) == rel]
        return lead + [pid for pid in ids if self.relations.get(pid) != rel], len(lead)


def make_job(task: Task, library: Library, cfg: SearchConfig) -> dict[str, Any]:
    """The payload of one task's search: train pairs and test INPUTS only (never test outputs)."""
    exclude = left_out(task.id) if cfg.leave_one_out else set()
    order, lead = library.order(task, exclude)
    return {"task_id": task.id, "train": train_pairs(task), "tests": [np.asarray(p.input) for p in task.test],
            "order": order, "tiers": lead, "budget_s": cfg.budget_s, "library_only": cfg.library_only,
            "max_groups": cfg.max_groups}


_TASK_NAME = re.compile(r"\btask\(")


def program_code(group: Mapping[str, Any], sources: Mapping[str, str]) -> str:
    """Standalone program text (defines ``task(grid)`` with the DSL) for one found program."""
    pre, post, p1 = group["pre"], group["post"], group.get("p1", [])
    lines = []
    if group["kind"] == "library":
        src = sources[group["base"]]
        if not pre and not post:
            return src
        helper = f"library_{group['base']}"
        lines.append(_TASK_NAME.sub(f"{helper}(", src).rstrip() + "\n\n")  # recursive calls too
        body = [f"grid = {e.format('grid')}" for e in pre] + [f"out = {helper}(grid)"]
        body += [f"out = {e.format('out')}" for e in post]
    else:
        steps = list(p1) + list(post)
        body = [f"out = {steps[0].format('grid') if steps else 'grid'}"] + [f"out = {e.format('out')}" for e in steps[1:]]
    lines.append("def task(grid):\n" + "".join(f"    {b}\n" for b in body) + "    return out\n")
    lines[:0] = [d.rstrip() + "\n\n" for d in group.get("defs", [])]  # helpers the steps call
    return "\n".join(lines) if len(lines) > 1 else lines[0]


def candidates_for(task_id: str, result: Mapping[str, Any], sources: Mapping[str, str]) -> list[dict[str, Any]]:
    """Candidate lines for one task's search result (standard format plus ``source`` and ``program``)."""
    out = []
    for i, g in enumerate(result.get("groups", [])):
        plain = g["kind"] == "library" and not g["pre"] and not g["post"]
        out.append({"task_id": task_id, "candidate_id": f"{task_id}:search:{i}", "sample_index": i,
                    "source": "library" if plain else "search", "program": g["name"],
                    "support": g["support"], "code": program_code(g, sources)})
    return out


# --- the run directory ----------------------------------------------------------------------

@dataclass
class SearchOutcome:
    tasks: int
    searched_now: int
    candidates: int
    probes: int
    search_s: float
    summary: dict[str, Any]


def run_search(dataset: str, tasks: Mapping[str, Task], out_dir: Path, cfg: SearchConfig,
               workers: int | None = None, progress: bool = True, library: Library | None = None,
               verify: bool = True, verify_workers: int | None = None,
               all_tasks: Mapping[str, Task] | None = None) -> SearchOutcome:
    """Search every task of ``tasks`` (resuming), then verify the candidates in the sandbox.
    ``all_tasks`` is the whole dataset ``tasks`` were chosen from: run.json records its hash."""
    from omni_arc.data import dataset_hash, dataset_source
    from omni_arc.search.compose import load_programs, search_task
    from omni_arc.search.executor import TrustedPool

    out_dir.mkdir(parents=True, exist_ok=True)
    meta_path = out_dir / "run.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    params = {**asdict(cfg), "tasks": len(tasks)}
    old = meta.get("params")
    if old and {k: old.get(k) for k in asdict(cfg)} != asdict(cfg):
        diff = next(k for k in asdict(cfg) if old.get(k) != asdict(cfg)[k])
        raise UserError(f"{out_dir}: holds a search run with {diff}={old.get(diff)!r}, not {asdict(cfg)[diff]!r}; "
                        "use another --output-dir or the same options")
    library = library or Library.load()
    done_rows = read_jsonl(out_dir / TASKS_FILE)
    done = {r["task_id"] for r in done_rows}
    cand_path = out_dir / CANDIDATES_FILE
    kept = [c for c in read_jsonl(cand_path) if c.get("task_id") in done]
    atomic_write_jsonl(cand_path, kept)  # drops candidates of a task whose search was cut short
    atomic_write_jsonl(out_dir / TASKS_FILE, done_rows)
    todo = [tid for tid in tasks if tid not in done]

    started = time.monotonic()
    searched = 0
    new_probes = 0
    restarts = 0
    bar = _Bar(progress, len(tasks), len(tasks) - len(todo))
    try:
        with TrustedPool(workers, timeout_s=cfg.timeout_s, memory_mb=MEMORY_MB, initializer=load_programs,
                            initargs=(library.sources,)) as pool:
            jobs = ((tid, (make_job(tasks[tid], library, cfg),)) for tid in todo)
            for res in pool.map_unordered(search_task, jobs):
                value = res.value or {"groups": [], "probes": 0, "exhausted": False, "cpu_s": 0.0}
                append_jsonl(cand_path, candidates_for(res.key, value, library.sources))
                rec = {"task_id": res.key, "probes": value.get("probes", 0), "found": value.get("found", 0),
                       "groups": len(value["groups"]), "cpu_s": value.get("cpu_s"), "wall_s": round(res.seconds, 3),
                       "exhausted": value.get("exhausted", False), "timeouts": value.get("timeouts", 0)}
                if res.error:
                    rec["error"] = res.error
                if res.culprits:
                    rec["culprits"] = [f"{label}: {why}" for label, why in res.culprits]
                append_jsonl(out_dir / TASKS_FILE, [rec])
                done_rows.append(rec)
                searched += 1
                new_probes += rec["probes"]
                bar.advance(value.get("found", 0) > 0)
            restarts = pool.restarts
    finally:
        bar.stop()
    search_s = time.monotonic() - started

    candidates = read_jsonl(cand_path)
    summary: dict[str, Any] = {}
    verify_s = 0.0
    if verify:
        from omni_arc.verify import Verifier

        v_start = time.monotonic()
        with Verifier(tasks, out_dir, workers=verify_workers, progress=progress) as v:
            v.add(candidates)
            summary = v.finish()
        verify_s = time.monotonic() - v_start

    probes = sum(r.get("probes", 0) for r in done_rows)
    timings = meta.get("timings", {})
    meta.update({
        "model": "search", "adapter": None, "backend": "search", "dataset": dataset,
        "dataset_source": dataset_source(dataset), "dataset_hash": dataset_hash(all_tasks or tasks),
        "params": {**params, "workers": workers or len(os.sched_getaffinity(0))},
        "timings": {"generation_s": round(timings.get("generation_s", 0.0) + search_s, 2),
                    "verification_s": round(verify_s, 2),
                    "total_s": round(timings.get("generation_s", 0.0) + search_s + verify_s, 2)},
        "programs_per_s": round(new_probes / search_s, 1) if search_s > 0 and searched else meta.get("programs_per_s"),
        "search": {"probes": probes, "tasks_searched": len(done_rows),
                   "tasks_with_found": sum(r.get("groups", 0) > 0 for r in done_rows),
                   "tasks_out_of_budget": sum(bool(r.get("exhausted")) for r in done_rows),
                   "cpu_s": round(sum(r.get("cpu_s") or 0.0 for r in done_rows), 2),
                   "worker_restarts": meta.get("search", {}).get("worker_restarts", 0) + restarts,
                   "culprits": [c for r in done_rows for c in r.get("culprits", [])][:50],
                   "load_average": list(os.getloadavg())},
    })
    atomic_write_json(meta_path, meta, indent=1)
    return SearchOutcome(len(tasks), searched, len(candidates), probes, search_s, summary)


class _Bar:
    """A rich progress bar over tasks (or nothing)."""

    def __init__(self, enabled: bool, total: int, completed: int):
        self._p = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._p = Progress(TextColumn("searching"), BarColumn(), MofNCompleteColumn(),
                               TextColumn("{task.fields[hits]} with programs"), TimeRemainingColumn(), transient=True)
            self._p.start()
            self._t = self._p.add_task("search", total=total, completed=completed, hits=0)
        self.hits = 0

    def advance(self, hit: bool) -> None:
        self.hits += hit
        if self._p is not None:
            self._p.update(self._t, advance=1, hits=self.hits)

    def stop(self) -> None:
        if self._p is not None:
            self._p.stop()
            self._p = None


def select_tasks(tasks: Mapping[str, Task], ids: str | None, limit: int | None) -> dict[str, Task]:
    """The tasks named by ``--tasks`` (comma-separated) and/or the first ``--limit`` of them."""
    chosen = dict(tasks)
    if ids:
        wanted = [t.strip() for t in ids.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in tasks]
        if unknown:
            raise UserError(f"--tasks: {unknown[0]} is not a task of the dataset")
        chosen = {t: tasks[t] for t in wanted}
    if limit is not None:
        chosen = dict(list(chosen.items())[:limit])
    return chosen
