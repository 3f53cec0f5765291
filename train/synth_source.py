"""Synthetic and relabelled tasks (files of ``omni data synth`` / ``omni data relabel``) as a
training source next to the library.

``data.synthetic_files`` lists such files, each ``PATH`` or ``PATH@SHARE``: that share of the
training samples (default :data:`DEFAULT_SHARE`) is built from the file's tasks by the same
:class:`train.dataset.SampleBuilder` as library samples -- the completion is the task's ``code``,
the examples are its pairs plus, for mutants and compositions of library programs, fresh inputs
from the parent's ``generate_input`` (run through the program in the sandbox like every example),
with the same augmentation rule. Tasks descended from a held-out library task are never used,
so the validation split stays unseen.
"""
from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from omni_arc.data import Pair, to_grid
from omni_arc.errors import UserError

log = logging.getLogger(__name__)

DEFAULT_SHARE = 0.25
SYNTH_STREAM = 100  # + file index: random streams apart from the library's train/val streams
KEY = "data.synthetic_files"


def parse_spec(spec: str) -> tuple[str, float]:
    """``"PATH"`` or ``"PATH@SHARE"`` -> ``(PATH, SHARE)``.

    >>> parse_spec("runs/synth.jsonl@0.3")
    ('runs/synth.jsonl', 0.3)
    >>> parse_spec("runs/synth.jsonl")
    ('runs/synth.jsonl', 0.25)
    """
    path, sep, share = spec.rpartition("@")
    if not sep:
        return spec, DEFAULT_SHARE
    try:
        value = float(share)
    except ValueError:
        raise UserError(f"{KEY}: {spec!r}: expected PATH or PATH@SHARE with SHARE a number in (0, 1)") from None
    if not 0.0 < value < 1.0:
        raise UserError(f"{KEY}: {spec!r}: the share must be in (0, 1)")
    return path, value


def synthetic_tasks(path: str | Path, held_out: Sequence[str] = ()) -> list:
    """The file's tasks as :class:`train.dataset.LibraryTask` (those with a parent in ``held_out``
    left out)."""
    from omni_arc.library import load_solution
    from omni_arc.synth import read_rows
    from train.dataset import LibraryTask

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{KEY}: {path}: file not found (write it with `omni data synth` or `omni data relabel`)")
    held = set(held_out)
    tasks = []
    for n, row in enumerate(read_rows(path), 1):
        parents = row.get("parents") or [row["parent"]]
        if held & set(parents):
            continue
        pairs, origins = [], []
        for split in ("train", "test"):
            for j, p in enumerate(row.get(split) or []):
                where = f"{path}:{n}: {split}[{j}]"
                pairs.append(Pair(to_grid(p.get("input"), where + ".input"), to_grid(p.get("output"), where + ".output")))
                origins.append(split)
        generator = None
        if row.get("kind") != "relabel":
            try:
                generator = load_solution(row["parent"]).generate_input
            except KeyError:
                generator = None
        tasks.append(LibraryTask(row["task_id"], row["code"], tuple(pairs), tuple(origins), generator))
    return tasks


def build_mixed(builder: Any, cfg: Any, seed: int, n: int, run: Any, count_tokens: Any,
                held_out: Sequence[str], progress: bool = True) -> list[dict[str, Any]]:
    """``n`` training samples: each synthetic file's share from its tasks, the rest from the
    library ``builder``; shuffled under ``seed``. ``builder.report`` sums up all of them."""
    from train.dataset import SampleBuilder

    specs = [parse_spec(s) for s in cfg.synthetic_files]
    if sum(share for _, share in specs) >= 1.0:
        raise UserError(f"{KEY}: the shares add up to 1 or more; the library needs some samples")
    counts = [int(round(share * n)) for _, share in specs]
    samples = builder.build(n - sum(counts), run, progress)
    report = builder.report
    for j, ((path, _), k) in enumerate(zip(specs, counts)):
        tasks = synthetic_tasks(path, held_out)
        if not tasks or k == 0:
            log.warning("%s: no usable synthetic task (or no sample to build): skipped", path)
            continue
        sub = SampleBuilder(tasks, cfg, count_tokens, seed, SYNTH_STREAM + j)
        samples += sub.build(k, run, progress)
        for f in fields(report):
            mine, theirs = getattr(report, f.name), getattr(sub.report, f.name)
            if f.name in ("requested", "built", "augmented", "augment_rejected", "generated_pairs"):
                setattr(report, f.name, mine + theirs)
            elif f.name == "failures":
                for reason, count in theirs.items():
                    mine[f"synthetic: {reason}"] = mine.get(f"synthetic: {reason}", 0) + count
    report.built = len(samples)
    order = np.random.default_rng([seed, SYNTH_STREAM - 1]).permutation(len(samples))
    builder.report = report
    return [samples[int(i)] for i in order]
