"""`make demo`: the whole train → predict → verify loop on the embedded model, stage by stage,
then program search (`omni search`) on the same evaluation tasks and the ensemble of both sources.

Every stage is an ordinary `omni` command (printed before it runs, so it can be re-run by hand)
and every stage resumes: re-running the demo after an interruption continues where it stopped.
`DEMO_FAST=1` runs the same stages at toy size in minutes.

    python tools/demo.py            # ~1 hour on 2 CPU cores
    DEMO_FAST=1 python tools/demo.py
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAST = os.environ.get("DEMO_FAST", "") not in ("", "0")
RUN = ROOT / "runs" / ("demo-fast" if FAST else "demo")
MODEL = ROOT / "models" / "smollm2-135m"
CONFIG = ROOT / "configs" / "cpu-default.yaml"
# DEMO_FAST: the same model and config, a few steps only.
FAST_OVERRIDES = ["--set", "training.max_steps=4", "--set", "training.eval_steps=2",
                  "--set", "training.save_steps=2", "--set", "data.val_samples=2"]

# A fixed subset of ARC-AGI-1 evaluation tasks: a seeded sample of the sorted ids (nothing about
# the tasks' contents or solutions is looked at to choose them).
EVAL_DATASET = "arc-agi-1/evaluation"
N_TASKS = 5 if FAST else 40
PREDICTIONS = 4 if FAST else 32
# On 2 cores prefill dominates (~400 prompt tokens/s against ~1300-token prompts): each test-time
# augmentation group is one more prompt to prefill, so the demo keeps two groups per task.
AUGMENTATIONS = 2
MAX_TOKENS = 384  # the longest library solution is ~240 tokens
SUBSET_SEED = 2024


def eval_subset() -> list[str]:
    from omni_arc.data import load_dataset, seeded_subset

    return seeded_subset(list(load_dataset(EVAL_DATASET)), N_TASKS, SUBSET_SEED)


def stage(name: str, argv: list[str], timings: dict[str, float]) -> None:
    print(f"\n=== {name}\n$ {shlex.join(argv)}", flush=True)
    start = time.monotonic()
    result = subprocess.run(argv, cwd=ROOT)
    timings[name] = round(time.monotonic() - start, 1)
    if result.returncode != 0:
        sys.exit(f"demo: stage '{name}' failed with exit code {result.returncode}; "
                 f"fix the cause and re-run: finished stages are kept")


def ensemble_meta(out: Path, runs: list[Path]) -> None:
    """run.json of the ensemble folder: the model's and the search's candidates are verified and
    voted together by one ``omni verify`` with a ``--candidates`` per run (model lines have no
    ``source``, which means ``model``)."""
    from omni_arc.data import dataset_hash, dataset_source, load_dataset
    from omni_arc.io import atomic_write_json

    out.mkdir(parents=True, exist_ok=True)
    atomic_write_json(out / "run.json", {
        "model": "ensemble", "adapter": None, "backend": "ensemble", "dataset": EVAL_DATASET,
        "dataset_source": dataset_source(EVAL_DATASET), "dataset_hash": dataset_hash(load_dataset(EVAL_DATASET)),
        "params": {"sources": [str(r.relative_to(ROOT)) if r.is_relative_to(ROOT) else str(r) for r in runs]}},
        indent=1)


def _headline(run: Path) -> dict:
    h = json.loads((run / "report.json").read_text()).get("headline", {})
    return {k: h.get(k) for k in ("tasks_solved", "n_tasks", "tasks_with_verified", "verification_precision",
                                  "arc_prize_score")}


def main() -> None:
    omni = str(Path(sys.executable).with_name("omni"))
    # vLLM on CPUs keeps one core for itself by default: on a 2-core machine that halves generation.
    if (os.cpu_count() or 1) <= 4:
        os.environ.setdefault("VLLM_CPU_NUM_OF_RESERVED_CPU", "0")
    RUN.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    train_dir, merged_dir = RUN / "train", RUN / "merged"
    infer_dir, library_dir = RUN / "infer", RUN / "library"
    search_dir, ensemble_dir = RUN / "search", RUN / "ensemble"

    stage("prepare model", [omni, "models", "prepare", "smollm2-135m"], timings)
    stage("train", [omni, "train", "--config", str(CONFIG), "--output-dir", str(train_dir),
                    *(FAST_OVERRIDES if FAST else [])], timings)
    if not (merged_dir / "config.json").exists():
        stage("merge", [omni, "merge-lora", "--adapter", str(train_dir / "adapter"),
                        "--output-dir", str(merged_dir)], timings)
    stage("infer", [omni, "infer", "--model", str(merged_dir), "--dataset", EVAL_DATASET,
                    "--tasks", ",".join(eval_subset()), "--predictions-per-task", str(PREDICTIONS),
                    "--augmentations-per-task", str(AUGMENTATIONS), "--max-tokens", str(MAX_TOKENS),
                    "--output-dir", str(infer_dir)],
          timings)
    stage("evaluate", [omni, "evaluate", str(infer_dir)], timings)
    stage("search", [omni, "search", "--dataset", EVAL_DATASET, "--tasks", ",".join(eval_subset()),
                     "--output-dir", str(search_dir), *(["--budget-s", "1"] if FAST else [])], timings)
    stage("evaluate search", [omni, "evaluate", str(search_dir)], timings)
    ensemble_meta(ensemble_dir, [infer_dir, search_dir])
    stage("verify ensemble", [omni, "verify", "--dataset", EVAL_DATASET, "--tasks", ",".join(eval_subset()),
                              "--candidates", str(infer_dir / "candidates.jsonl"),
                              "--candidates", str(search_dir / "candidates.jsonl"),
                              "--output-dir", str(ensemble_dir)], timings)
    stage("evaluate ensemble", [omni, "evaluate", str(ensemble_dir), "--dataset", EVAL_DATASET], timings)
    stage("library sanity check", [sys.executable, str(ROOT / "tools" / "library_run.py"),
                                   "--output-dir", str(library_dir)], timings)
    stage("evaluate library", [omni, "evaluate", str(library_dir)], timings)

    (RUN / "demo_timings.json").write_text(json.dumps(timings, indent=2) + "\n")
    report = json.loads((infer_dir / "report.json").read_text())
    library = json.loads((library_dir / "report.json").read_text())
    print("\n=== demo finished")
    print(f"report: {infer_dir / 'report.md'} (and report.html, *.png)")
    print(json.dumps({"evaluation": report.get("headline", {}),
                      "library_sanity": library.get("headline", {}),
                      "stage_seconds": timings}, indent=2))
    sources = {"model": _headline(infer_dir), "search": _headline(search_dir), "ensemble": _headline(ensemble_dir)}
    print(f"\n=== model, search and ensemble on the same {N_TASKS} {EVAL_DATASET} tasks")
    for name, h in sources.items():
        print(f"{name:9s}: {h['tasks_solved']}/{h['n_tasks']} solved, {h['tasks_with_verified']} with a verified "
              f"program, ARC score {100 * (h['arc_prize_score'] or 0):.1f}%")
    best_single = max(sources["model"]["tasks_solved"] or 0, sources["search"]["tasks_solved"] or 0)
    if (sources["ensemble"]["tasks_solved"] or 0) > best_single:
        print("the ensemble solves more tasks than either source alone")
    else:
        print("the ensemble solves no more tasks than the better source alone: the model adds nothing yet")


if __name__ == "__main__":
    main()
