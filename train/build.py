"""`omni data build`: the samples a config would train on, written to a JSONL file for inspection."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from omni_arc.errors import UserError


def build_to_file(
    out: str | Path, n: int, config: str | Path, seed: int | None = None, split: str = "train",
    overrides: Sequence[str] = (), kind: str | None = None,
) -> dict[str, Any]:
    """Build ``n`` samples of ``split`` ("train" or "val") with the config's data settings and
    model tokenizer (for the token budget), write them to ``out``; return the build report.
    ``kind`` builds only that sample kind (default: the config's ``data.kinds`` mix)."""
    from omni_arc.io import atomic_write_jsonl
    from train.dataset import build_split, library_tasks, sandbox_runner, token_counter
    from train.launch import resolve
    from train.trainer import load_tokenizer

    if split not in ("train", "val"):
        raise UserError(f"--split: expected train or val, got {split!r}")
    if n < 1:
        raise UserError(f"--num-samples: expected a positive number of samples, got {n}")
    cfg = resolve(config, overrides)
    if kind is not None:
        from train.config import SAMPLE_KINDS

        if kind not in SAMPLE_KINDS:
            raise UserError(f"--kind: expected one of {', '.join(SAMPLE_KINDS)}, got {kind!r}")
        cfg.data.kinds = {kind: 1.0}
    count = token_counter(load_tokenizer(cfg)) if cfg.data.max_tokens else None
    with sandbox_runner(cfg.data.exec_timeout_s) as run:
        samples, report = build_split(
            cfg.data, cfg.seed if seed is None else seed, n, split, count, run, library_tasks())
    atomic_write_jsonl(out, samples)
    tokens = [s["n_tokens"] for s in samples if s["n_tokens"] is not None]
    return {
        **{k: v for k, v in report.__dict__.items()},
        "out": str(out),
        "tasks": len({s["task_id"] for s in samples}),
        "kinds": {k: sum(s.get("kind", "code_from_examples") == k for s in samples) for k in cfg.data.kinds},
        "tokens_mean": round(sum(tokens) / len(tokens), 1) if tokens else None,
        "tokens_max": max(tokens) if tokens else None,
    }


def format_report(report: dict[str, Any]) -> str:
    lines = [f"wrote {report['built']}/{report['requested']} samples of {report['tasks']} tasks to {report['out']}",
             f"augmented {report['augmented']} (rejected by execution: {report['augment_rejected']}), "
             f"generated examples {report['generated_pairs']}, "
             f"tokens mean {report['tokens_mean']} max {report['tokens_max']}"]
    kinds = report.get("kinds") or {}
    if kinds and set(kinds) != {"code_from_examples"}:  # a mix, or another kind alone
        lines.append("kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    if report.get("kinds", {}).get("neighbours"):
        lines.append(f"near programs dropped to fit the budget: {report['dropped_neighbours']}")
    if report["failures"]:
        lines.append("redrawn: " + json.dumps(report["failures"]))
    for tid, why in report["broken_tasks"].items():
        lines.append(f"left out {tid}: {why}")
    return "\n".join(lines)
