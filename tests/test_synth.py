"""Synthetic tasks and hindsight relabelling: what each filter rejects, resumable files, and that
relabelling never lets a dataset's outputs into a training file."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from helpers import run_omni
from omni_arc.data import load_dataset
from omni_arc.synth import (Candidate, Filter, Parent, Synthesizer, inputs_only, load_tasks, read_rows,
                            relabel_plan, run_to_file, stats_path)

INPUTS = [np.array([[1, 2], [3, 4]]), np.array([[0, 1, 2]]), np.array([[5], [6]]), np.array([[7, 7], [8, 0]])]
FLIP = "def task(grid):\n    return np.fliplr(grid)"


@pytest.fixture(scope="module")
def run():
    from omni_arc.sandbox import Executor

    with Executor(workers=1, timeout_s=5.0) as ex:
        yield ex.run_many


def cand(code: str, slot: int = 0, parent_codes=(), domain: str = "d") -> Candidate:
    return Candidate(slot, "synth", "p", ("p",), "test", "inline", code, list(INPUTS), 3, domain,
                     len(INPUTS), list(parent_codes))


def rejected(run, *codes: str, parent_codes=()) -> list[str]:
    filt = Filter(run)
    filt.process([cand(c, i, parent_codes) for i, c in enumerate(codes)])
    return [reason for _, reason in filt.rejections]


# ---------------------------------------------------------------- the filters

def test_a_program_with_new_behaviour_is_kept_as_a_task(run):
    filt = Filter(run)
    rows = filt.process([cand(FLIP)])
    assert filt.rejections == [] and len(rows) == 1
    row = rows[0]
    assert row["task_id"] == f"synth-p-{row['fingerprint'][:8]}" and row["code"] == FLIP
    assert [p["output"] for p in row["train"]] == [[[2, 1], [4, 3]], [[2, 1, 0]], [[5], [6]]]
    assert row["test"] == [{"input": [[7, 7], [8, 0]], "output": [[7, 7], [0, 8]]}]


def test_the_identity_is_rejected(run):
    assert rejected(run, "def task(grid):\n    return grid.copy()") == ["identity"]


def test_a_constant_output_is_rejected(run):
    assert rejected(run, "def task(grid):\n    return np.array([[3]])") == ["constant"]


def test_a_program_failing_on_one_input_is_rejected(run):
    assert rejected(run, "def task(grid):\n    return grid[1:] * 0 + 1") == ["failed"]  # empty grid on a 1-row input
    assert rejected(run, "def task(grid):\n    while True:\n        pass") == ["failed"]


def test_equal_to_the_parent_on_most_inputs_is_rejected(run):
    almost = "def task(grid):\n    return np.fliplr(grid) if grid.shape != (2, 2) or grid[0, 0] != 1 else grid"
    assert rejected(run, almost, parent_codes=[FLIP]) == ["same_as_parent"]
    # A parent that loops forever on these inputs costs its timeout, not the run.
    assert rejected(run, almost, parent_codes=["def task(grid):\n    while True:\n        pass"]) == []


@pytest.mark.parametrize("code", [
    "import random\ndef task(grid):\n    return np.fliplr(grid) * 0 + random.randint(0, 9)",
    "def task(grid):\n    return np.fliplr(grid) * 0 + id([]) % 7",
    "_calls = []\ndef task(grid):\n    _calls.append(1)\n    return np.fliplr(grid) * 0 + len(_calls)",
])
def test_a_nondeterministic_program_is_rejected(run, code):
    assert rejected(run, code) == ["nondeterministic"]


def test_the_same_behaviour_is_kept_once(run):
    filt = Filter(run)
    rows = filt.process([cand(FLIP, 0), cand("def task(grid):\n    return grid[:, ::-1]", 1),
                         cand(FLIP + "  # again", 2)])
    assert len(rows) == 1 and sorted(filt.rejections) == [(1, "duplicate"), (2, "duplicate")]
    # Other inputs (another domain): the same program is a task of its own.
    assert len(filt.process([cand("def task(grid):\n    return grid[:, ::-1]", 3, domain="other")])) == 1


# ---------------------------------------------------------------- synthesis and files

def _gen(rng: np.random.Generator) -> np.ndarray:
    h, w = rng.integers(2, 5, size=2)
    return rng.integers(0, 5, size=(h, w)).astype(np.int8)


PARENTS = [
    Parent("f0000001", "def task(grid):\n    g = flip_top_bottom(grid)\n    return replace_color(g, 1, 2)", _gen),
    Parent("f0000002", "def task(grid):\n    return tile(grid, 1, 2)", _gen),
]


def test_synthesis_is_deterministic_under_a_seed_and_resumes_after_a_cut_line(run, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    meta = {"command": "synth", "seed": 3}
    run_to_file(a, Synthesizer(PARENTS, seed=3).plan, Filter(run), n_slots=200, meta=meta, n_keep=4, progress=False)
    rows = read_rows(a)
    assert len(rows) == 4 and len({r["task_id"] for r in rows}) == 4
    assert all(r["task_id"].startswith(f"synth-{r['parent']}-") for r in rows)
    assert set(load_tasks(a)) == {r["task_id"] for r in rows}  # the file loads as ARC tasks
    # A kill mid-write leaves a cut last line; the next run drops it and writes the same task again.
    lines = a.read_text().splitlines(keepends=True)
    a.write_text("".join(lines[:2]) + lines[2][:40])
    side = json.loads(stats_path(a).read_text())
    stats_path(a).write_text(json.dumps({**side, "next_slot": rows[2]["slot"]}))
    stats = run_to_file(a, Synthesizer(PARENTS, seed=3).plan, Filter(run), n_slots=200, meta=meta, n_keep=4,
                        progress=False)
    assert read_rows(a) == rows and stats.kept == 4
    run_to_file(b, Synthesizer(PARENTS, seed=3).plan, Filter(run), n_slots=200, meta=meta, n_keep=4, progress=False)
    assert read_rows(b) == rows
    got = json.loads(stats_path(a).read_text())
    assert got["kept"] == 4 and got["tried"] == got["kept"] + sum(got["rejected"].values())


# ---------------------------------------------------------------- relabelling

MARKER = 9  # planted in every output of the dataset; inputs and the programs' outputs never use it


def _run_dir(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    marker = [[MARKER] * 7] * 3
    task = {"train": [{"input": [[1, 2], [3, 4]], "output": marker}, {"input": [[0, 5, 1]], "output": marker}],
            "test": [{"input": [[2], [3]], "output": marker}]}
    (data / "e0000001.json").write_text(json.dumps(task))
    run = tmp_path / "run"
    run.mkdir()
    rows = [
        {"task_id": "e0000001", "code": FLIP, "status": "wrong_output"},
        {"task_id": "e0000001", "code": "def task(grid):\n    return grid.T", "status": "wrong_output",
         "augmentation": {"transform": "rotate_270", "colors": [0, 2, 1, 3, 4, 5, 6, 7, 8, 9]}},
        {"task_id": "e0000001", "code": "def task(grid):\n    return grid[:, ::-1]", "status": "wrong_output"},
        {"task_id": "e0000001", "code": "def task(grid):\n    return grid", "status": "wrong_output"},
        {"task_id": "e0000001", "code": "def task(grid):\n    return 1 / 0", "status": "exception"},
    ]
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (run / "run.json").write_text(json.dumps({"dataset": str(data)}))
    return run, data


def test_relabelling_keeps_programs_own_outputs_and_never_a_dataset_output(monkeypatch, capsys, tmp_path):
    run, _ = _run_dir(tmp_path)
    out = tmp_path / "relabel.jsonl"
    code, _, err = run_omni(monkeypatch, capsys, "data", "relabel", "--run", str(run), "--output-file", str(out),
                            "--workers", "1")
    assert code == 0, err
    rows = read_rows(out)
    assert [r["code"] for r in rows] == [FLIP, "def task(grid):\n    return grid.T"]  # dup, identity, failure out
    assert rows[0]["train"] == [{"input": [[1, 2], [3, 4]], "output": [[2, 1], [4, 3]]},
                                {"input": [[0, 5, 1]], "output": [[1, 5, 0]]}]
    assert rows[0]["test"] == [{"input": [[2], [3]], "output": [[2], [3]]}]
    assert all(r["task_id"].startswith("relabel-e0000001-") for r in rows)
    grids = [g for r in rows for p in r["train"] + r["test"] for g in (p["input"], p["output"])]
    assert all(MARKER not in row for g in grids for row in g)
    assert str(MARKER) not in "".join(json.dumps(r["train"]) + json.dumps(r["test"]) for r in rows)
    stats = json.loads(stats_path(out).read_text())
    assert stats["kept"] == 2 and stats["rejected"] == {"failed": 1, "identity": 1, "duplicate": 1}


def test_relabel_plans_from_inputs_only(tmp_path):
    _, data = _run_dir(tmp_path)
    tasks = inputs_only(load_dataset(data))
    assert not hasattr(tasks["e0000001"], "outputs") and tasks["e0000001"].train[0].tolist() == [[1, 2], [3, 4]]
    plan = relabel_plan([{"task_id": "e0000001", "code": FLIP, "status": "verified"}], tasks)
    c = plan(0)
    assert c.parent_codes == [] and c.n_train == 2 and len(c.inputs) == 3
    assert relabel_plan([{"task_id": "e0000001", "code": FLIP, "status": "timeout"}], tasks)(0) == "failed"


# ---------------------------------------------------------------- one-line errors

@pytest.mark.parametrize("args, message", [
    (["synth", "--num-tasks", "0", "--output-file", "X"], "error: --num-tasks 0: expected a positive number of tasks"),
    (["synth", "--num-tasks", "2", "--output-file", "X", "--workers", "0"], "error: --workers 0: expected at least 1"),
    (["synth", "--num-tasks", "2", "--output-file", "X", "--p-compose", "2"], "error: --p-compose 2.0: expected a probability in [0, 1]"),
    (["synth", "--num-tasks", "2", "--output-file", "X", "--tasks", "0d3d703e,abcdef12"],
     "error: --tasks: no library program for task 'abcdef12'"),
    (["relabel", "--run", "NOPE", "--output-file", "X"], "error: --run NOPE: no such folder"),
])
def test_bad_options_give_one_line(monkeypatch, capsys, tmp_path, args, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_omni(monkeypatch, capsys, "data", *args)
    assert code == 2 and err.strip().splitlines() == [message]


def test_resuming_with_another_seed_or_into_a_folder_is_one_line(monkeypatch, capsys, tmp_path):
    out = tmp_path / "s.jsonl"
    out.write_text("")
    stats_path(out).write_text(json.dumps({"command": "synth", "seed": 1, "p_compose": 0.2, "tasks": None}))
    code, _, err = run_omni(monkeypatch, capsys, "data", "synth", "--num-tasks", "1", "--output-file", str(out), "--seed", "2")
    assert code == 2 and err.strip().splitlines() == [
        f"error: {out}: written with seed=1, not 2; pass the same value to resume, or choose another --output-file"]
    code, _, err = run_omni(monkeypatch, capsys, "data", "synth", "--num-tasks", "1", "--output-file", str(tmp_path))
    assert code == 2 and err.strip().splitlines() == [f"error: --output-file {tmp_path}: is a folder; expected a .jsonl file"]


def test_relabel_without_a_dataset_and_with_a_foreign_task_is_one_line(monkeypatch, capsys, tmp_path):
    run, data = _run_dir(tmp_path)
    (run / "run.json").unlink()
    code, _, err = run_omni(monkeypatch, capsys, "data", "relabel", "--run", str(run), "--output-file", "x.jsonl")
    assert code == 2 and err.strip().splitlines() == [f"error: {run}: no run.json naming the dataset; pass --dataset"]
    code, _, err = run_omni(monkeypatch, capsys, "data", "relabel", "--run", str(run), "--output-file", "x.jsonl",
                            "--dataset", "arc-agi-1/training")
    assert code == 2 and err.strip().splitlines() == [
        f"error: {run / 'results.jsonl'}:1: task 'e0000001' is not in the dataset (pass --dataset)"]


# ---------------------------------------------------------------- a training source

def test_synthetic_files_take_their_share_of_training_samples_without_held_out_parents(run, tmp_path):
    from omni_arc.data import Pair
    from train.config import DataConfig
    from train.dataset import LibraryTask, build_split

    def lib(tid: str, code: str) -> LibraryTask:
        fn = Filter(run).run([(code, INPUTS)])[0].outputs
        return LibraryTask(tid, code, tuple(Pair(x, y) for x, y in zip(INPUTS, fn)), ("train",) * 4, None)

    library = [lib("f0000001", "def task(grid):\n    return np.flipud(grid)"),
               lib("f0000002", "def task(grid):\n    return grid + 1")]
    rows = []
    for parent, code in (("f0000001", FLIP), ("f0000002", "def task(grid):\n    return grid.T")):
        c = cand(code, domain=parent)
        c.parent, c.parents = parent, (parent,)
        rows += Filter(run).process([c])
    path = tmp_path / "synth.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cfg = DataConfig(max_tokens=0, p_augment=0.0, p_generated=0.0, val_tasks=["f0000002"],
                     synthetic_files=[f"{path}@0.5"])
    samples, report = build_split(cfg, 0, 8, "train", None, run, library, progress=False)
    ids = [s["task_id"] for s in samples]
    assert len(samples) == 8 == report.built
    assert ids.count(rows[0]["task_id"]) == 4 and ids.count("f0000001") == 4  # f0000002's mutant: held out
    synth = next(s for s in samples if s["task_id"] == rows[0]["task_id"])
    assert FLIP in synth["completion"][0]["content"]
    cfg.synthetic_files = [f"{path}@1.5"]
    with pytest.raises(Exception, match="data.synthetic_files"):
        build_split(cfg, 0, 8, "train", None, run, library, progress=False)


def test_the_stats_file_counts_the_cpu_time_of_reaped_children_too(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from omni_arc.synth import Stats, add_cpu_seconds, stats_path

    out = tmp_path / "relabel.jsonl"
    stats_path(out).write_text(json.dumps({"kept": 3, "tried": 5}))
    before = os.times()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)  # a reaped child
    obj = add_cpu_seconds(out, Stats(tried=5, kept=3), before)
    assert obj["cpu_seconds"] > 0.05 and obj["kept_per_cpu_minute"] == round(60 * 3 / obj["cpu_seconds"], 2)
    assert json.loads(stats_path(out).read_text())["tried"] == 5  # the rest of the file is kept
