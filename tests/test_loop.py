"""`omni loop`: two tiny rounds end to end (tiny random model for training, a fake backend that
writes known programs for sampling), resume without redoing a finished round, evaluation outputs
never reaching a file, one-line config errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import FakeBackend, conjugated  # the fake backend of the infer tests
from omni_arc.errors import UserError
from omni_arc.library import load_library
from omni_arc.loop import format_table, load_loop_config, loop_config_from_dict, run_loop

REPO = Path(__file__).resolve().parents[1]
# The row every evaluation output is made of: colours the inputs (0-2) never have, repeated (so
# no colour permutation written in a file can look like it), in every way a grid is written
# (JSON with and without spaces, prompt rows with and without separators).
MARKER = [9, 7, 9, 7, 9, 7, 8, 6, 8, 6, 8, 6]
MARKER_TEXTS = tuple(sep.join(map(str, MARKER)) for sep in (", ", ",", "", " "))
SIMPLE = ["np.flipud(grid)", "np.rot90(grid)", "grid.T", "np.where(grid == 0, 5, grid)"]


def eval_folder(root: Path) -> Path:
    """Two stand-in evaluation tasks (3x3 inputs of colours 0-2) whose every output is the marker."""
    folder = root / "evaluation"
    folder.mkdir()
    for i, tid in enumerate(("e0000001", "e0000002")):
        grids = [[[(r + c + j + i) % 3 for c in range(3)] for r in range(3)] for j in range(4)]
        pair = lambda g: {"input": g, "output": [MARKER, MARKER]}  # noqa: E731
        (folder / f"{tid}.json").write_text(json.dumps({"train": [pair(g) for g in grids[:3]],
                                                        "test": [pair(grids[3])]}))
    return folder


def responder(tokenizer):
    """The fake model: echoes its whole prompt as comments (so a prompt showing an evaluation
    output would carry it into candidates.jsonl), then writes the library program (conjugated by
    the prompt's augmentation) for sample 0 and simple programs for the others."""
    library = load_library()

    def respond(group, j: int) -> str:
        echo = "\n".join("# " + line for line in tokenizer.decode(group.prompt_ids).splitlines())
        if j == 0 and group.task_id in library:
            code = conjugated(library[group.task_id].source, group.augmentation)
        else:
            code = f"def task(grid):\n    return {SIMPLE[(j + group.group) % len(SIMPLE)]}\n"
        return f"{echo}\n```python\n{code}```\n"

    return respond


def tiny_loop_config(tmp: Path, model: Path, **over):
    raw = yaml.safe_load((REPO / "configs/loop-tiny.yaml").read_text())
    raw["train_config"] = str(REPO / "configs/tiny.yaml")
    raw["train"]["model"] = str(model)
    raw["output_dir"] = str(tmp / "loop")
    folder = eval_folder(tmp)
    raw["tasks"].update(eval_inputs=str(folder), eval_tasks=0)
    raw["measure"] = {"dataset": str(folder), "tasks": 0, "predictions_per_task": 2}
    raw.update(over)
    return loop_config_from_dict(raw, "loop-tiny.yaml")


def run_with_fake(cfg, tokenizer, out: Path):
    made: list[FakeBackend] = []

    def factory(bcfg):
        made.append(FakeBackend(bcfg, tokenizer, responder(tokenizer)))
        return made[-1]

    rows = run_loop(cfg, out, backend_factory=factory, progress=False)
    return rows, made


@pytest.fixture(scope="module")
def loop(tmp_path_factory, tiny_model_dir, tokenizer):
    tmp = tmp_path_factory.mktemp("loop")
    cfg = tiny_loop_config(tmp, tiny_model_dir)
    rows, made = run_with_fake(cfg, tokenizer, tmp / "loop")
    return cfg, tmp / "loop", rows, made


def synthetic_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_two_rounds_train_sample_relabel_and_report(loop):
    cfg, out, rows, made = loop
    assert [r["round"] for r in rows] == [1, 2] and len(made) == 2 * 2  # sampling + measuring
    assert [json.loads(line)["round"] for line in (out / "rounds.jsonl").read_text().splitlines()] == [1, 2]
    assert (out / "rounds.png").stat().st_size > 0
    for r in rows:
        assert r["tasks"] == 3 and r["heldout_tasks"] == 1 and r["heldout_ids"] == ["74dd1130"]
        assert r["verified_rate"] == 1.0  # sample 0 of each task is its library program
        assert r["heldout_verified_rate"] == 1.0 and r["samples"] == 4 * 4
        assert r["solved_rate"] == 1.0 and r["heldout_solved_rate"] == 1.0  # the vote picks right answers
        assert r["generated_tokens"] > 0 and r["train_steps"] == 2 and r["total_s"] > 0
    assert rows[0]["new_tasks"] > 0 and rows[0]["new_unique_programs"] > 0
    assert rows[1]["new_unique_programs"] == 0  # the fake writes the same programs every round
    assert rows[1]["buffer_tasks"] >= rows[0]["buffer_tasks"]
    assert rows[0]["started_from"] is None and rows[1]["started_from"] == str(out / "round-1/train/adapter")
    table = format_table(rows)
    assert table.count("\n") == 3 and "| 2 | 3 | 100.0% |" in table


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_round_two_trains_on_round_one_relabelled_tasks_but_never_on_held_out_ones(loop):
    cfg, out, rows, _ = loop
    train2 = yaml.safe_load((out / "round-2/train/config.yaml").read_text())
    assert train2["data"]["synthetic_files"] == [f"{out / 'round-1/buffer.jsonl'}@0.5"]
    samples = [json.loads(line) for line in (out / "round-2/train/data/train.jsonl").read_text().splitlines()]
    assert any(s["task_id"].startswith(("relabel-", "inputs-")) for s in samples)
    assert yaml.safe_load((out / "round-1/train/config.yaml").read_text())["data"]["synthetic_files"] == []
    for k in (1, 2):
        buffer = synthetic_rows(out / f"round-{k}/buffer.jsonl")
        assert buffer and all("74dd1130" not in r["parents"] for r in buffer)
        data = (out / f"round-{k}/train/data/train.jsonl").read_text()
        assert "74dd1130" not in data


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_programs_run_on_evaluation_inputs_but_no_evaluation_output_reaches_any_file(loop):
    """Every file the loop writes, except the measurement's own run folders (``round-k/measure/``:
    the evaluation tasks are prompted and scored there, and the fake model echoes its prompts)."""
    cfg, out, rows, _ = loop
    from_inputs = synthetic_rows(out / "round-1/eval-inputs.jsonl")
    assert from_inputs and {r["domain"] for r in from_inputs} <= {"inputs:e0000001", "inputs:e0000002"}
    files = [p for p in out.rglob("*") if p.is_file() and "measure" not in p.relative_to(out).parts]
    assert len(files) > 20 and any(p.name == "train.jsonl" for p in files)
    for path in files:
        data = path.read_bytes()
        for text in MARKER_TEXTS:
            assert text.encode() not in data, f"{path} contains an evaluation output"
    echoed = (out / "round-1/measure/candidates.jsonl").read_text()
    assert MARKER_TEXTS[2] in echoed  # the marker is findable where it is shown to the model


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_measured_evaluation_tasks_are_scored_every_round_and_never_relabelled(loop):
    cfg, out, rows, _ = loop
    for r in rows:
        assert r["measure_tasks"] == 2 and r["measure_verified_rate"] == 0.0 and r["measure_solved_rate"] == 0.0
    measured = {json.loads(line)["task_id"] for line in (out / "round-1/measure/results.jsonl").read_text().splitlines()}
    assert measured == {"e0000001", "e0000002"}
    for k in (1, 2):
        relabelled = synthetic_rows(out / f"round-{k}/relabel.jsonl")
        assert relabelled and not {r["parent"] for r in relabelled} & measured
    assert "measured solved" in format_table(rows)


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_a_finished_loop_is_not_redone(loop, tokenizer):
    cfg, out, rows, _ = loop
    before = {p: p.stat().st_mtime_ns for p in out.glob("round-*/**/*") if p.is_file()}
    again, made = run_with_fake(cfg, tokenizer, out)
    assert made == [] and again == rows
    after = {p: p.stat().st_mtime_ns for p in out.glob("round-*/**/*") if p.is_file()}
    assert after == before


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_a_round_killed_after_training_resumes_without_training_again(loop, tokenizer, tmp_path):
    import shutil

    cfg, full, rows, _ = loop
    out = tmp_path / "loop"
    shutil.copytree(full, out)
    (out / "round-2/round.json").unlink()  # killed while sampling round 2
    shutil.rmtree(out / "round-2/sample")
    shutil.rmtree(out / "round-2/measure")
    state = json.loads((out / "round-2/state.json").read_text())
    (out / "round-2/state.json").write_text(json.dumps({**state, "done": ["train"]}))
    trained = (out / "round-2/train/summary.json").stat().st_mtime_ns
    again, made = run_with_fake(cfg, tokenizer, out)
    assert len(made) == 2  # round 2's sampling and measuring only
    assert (out / "round-2/train/summary.json").stat().st_mtime_ns == trained
    keys = ("verified_rate", "heldout_verified_rate", "samples", "new_tasks", "buffer_tasks", "generated_tokens")
    assert [{k: r[k] for k in keys} for r in again] == [{k: r[k] for k in keys} for r in rows]


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_round_two_continues_the_adapter_of_round_one(loop):
    from safetensors.torch import load_file

    _, out, _, _ = loop
    one = load_file(out / "round-1/train/adapter/adapter_model.safetensors")
    two = load_file(out / "round-2/train/adapter/adapter_model.safetensors")
    assert one.keys() == two.keys()
    a_keys = [k for k in one if "lora_A" in k]
    # 2 steps of Adam at lr 1e-3 move each weight by about 2e-3; a fresh adapter (round 2 trains
    # under another seed) would start from other random A matrices altogether.
    assert all((one[k] - two[k]).abs().max() < 0.01 for k in a_keys)
    assert any((one[k] - two[k]).abs().max() > 0 for k in one)


@pytest.mark.slow  # the two-round loop fixture: ~45 s on a loaded 2-core machine
def test_resuming_with_another_config_is_refused(loop, tokenizer):
    cfg, out, _, _ = loop
    other = loop_config_from_dict({**cfg.to_dict(), "synthetic_share": 0.3}, "other.yaml")
    with pytest.raises(UserError, match="synthetic_share differs"):
        run_loop(other, out, progress=False)


def test_config_mistakes_are_one_line_errors_naming_file_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rounds: 2\ntasks:\n  per_rond: 3\n")
    with pytest.raises(UserError, match=r"bad.yaml: tasks.per_rond: unknown key"):
        load_loop_config(bad)
    with pytest.raises(UserError, match=r"infer.temprature: unknown key"):
        loop_config_from_dict({"infer": {"temprature": 0.5}}, "x.yaml")
    with pytest.raises(UserError, match=r"x.yaml: rounds: expected an integer"):
        loop_config_from_dict({"rounds": "two"}, "x.yaml")
    with pytest.raises(UserError, match=r"x.yaml: train.*training.max_step: unknown key"):
        load_loop_config_text(tmp_path, "train:\n  training:\n    max_step: 3\n")
    with pytest.raises(UserError, match=r"x.yaml: train_config: nope.yaml: file not found"):
        load_loop_config_text(tmp_path, "train_config: nope.yaml\n")
    proc = subprocess.run([sys.executable, "-m", "omni_arc", "loop", "--config", str(bad)],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: {bad}: tasks.per_rond: unknown key "
                                                "(expected one of dataset, per_round, ids, heldout, eval_inputs, "
                                                "eval_tasks, programs_per_eval_task)"]


def load_loop_config_text(tmp: Path, text: str):
    path = tmp / "x.yaml"
    path.write_text(text)
    return load_loop_config(path)


@pytest.mark.parametrize("name", ["loop-tiny.yaml", "loop-cpu.yaml", "loop-gpu.yaml"])
def test_the_shipped_loop_configs_load_with_their_train_configs(name, monkeypatch):
    monkeypatch.chdir(REPO)  # their train_config paths are relative to the repository root
    cfg = load_loop_config(REPO / "configs" / name)
    assert cfg.rounds >= 2 and not cfg.tasks.eval_inputs
