"""The resumable `omni infer` run, with fake backends standing in for the model.

A library solution plays the model: for a prompt showing the task under augmentation A it
"writes" the library program conjugated by A (A after the program after A's inverse), which is
exactly the program that is correct on the augmented task. Verification must then map every
test output back to the original task's answer.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from infer.backends import BackendConfig, Sample
from infer.run import InferConfig, format_summary, run_inference
from omni_arc.augment import Augmentation
from omni_arc.data import load_dataset
from omni_arc.errors import UserError
from omni_arc.library import load_solution

DATASET = "arc-agi-1/training"
LIBRARY_TASKS = ["007bbfb7", "00d62c1b", "017c7c7b"]
CANDIDATE_FIELDS = {
    "task_id": str, "candidate_id": str, "sample_index": int, "response": str, "code": str,
    "n_tokens": int, "finish_reason": str, "prompt_tokens": int, "dropped_pairs": int,
}

# numpy source of each dihedral transform and of its inverse (see omni_arc.augment)
_FORWARD = {
    "identity": "g", "rotate_270": "np.rot90(g, 1)", "rotate_180": "np.rot90(g, 2)", "rotate_90": "np.rot90(g, 3)",
    "flip_left_right": "np.fliplr(g)", "flip_top_bottom": "np.flipud(g)", "transpose": "g.T",
    "anti_transpose": "np.rot90(g, 2).T",
}
_INVERSE = {**_FORWARD, "rotate_270": "np.rot90(g, 3)", "rotate_90": "np.rot90(g, 1)"}


def conjugated(source: str, aug: Augmentation) -> str:
    """A program correct on ``aug.apply_task(task)`` when ``source`` is correct on ``task``."""
    original = source.replace("def task(", "def original_task(", 1)
    return (f"{original}\n\n"
            f"def task(grid):\n"
            f"    table = np.array({list(aug.colors)})\n"
            f"    g = np.argsort(table)[np.asarray(grid)]\n"
            f"    g = original_task({_INVERSE[aug.transform]})\n"
            f"    g = np.asarray(g)\n"
            f"    return table[{_FORWARD[aug.transform]}]\n")


def library_response(group, j: int) -> str:
    source = load_solution(group.task_id).source
    return f"Here is my program:\n```python\n{conjugated(source, group.augmentation)}```\n"


class Killed(KeyboardInterrupt):
    """Stands in for a kill (Ctrl-C) in the middle of a run."""


class FakeBackend:
    """The Backend interface without a model: ``respond(group, j)`` writes sample ``j``."""

    name = "fake"

    def __init__(self, cfg: BackendConfig, tokenizer, respond, kill_after: int | None = None):
        self.cfg, self.tokenizer, self.respond = cfg, tokenizer, respond
        self.max_model_len = cfg.max_model_len
        self.model_dir = Path(cfg.model)
        self.kill_after = kill_after
        self.requests: list = []
        self.closed = False

    def stream(self, requests):
        for request in requests:
            if self.kill_after is not None and len(self.requests) >= self.kill_after:
                raise Killed()
            self.requests.append(request)
            texts = [self.respond(request.tag, j) for j in range(request.n)]
            yield request, [Sample(t, len(t.split()), -float(len(t)), "stop") for t in texts]

    def versions(self):
        return {"fake": "1"}

    def close(self):
        self.closed = True


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_model_dir))


@pytest.fixture(scope="module")
def tasks():
    return load_dataset(DATASET)


def make_cfg(model: Path, out: Path, **kw) -> InferConfig:
    base = dict(model=model, dataset=DATASET, output=out, tasks=LIBRARY_TASKS,
                predictions_per_task=4, augmentations_per_task=4, max_model_len=8192,
                max_tokens=256, progress=False, verify_workers=1)
    base.update(kw)
    return InferConfig(**base)


def run(cfg: InferConfig, tokenizer, respond=library_response, kill_after=None):
    made: list[FakeBackend] = []

    def factory(bcfg: BackendConfig) -> FakeBackend:
        made.append(FakeBackend(bcfg, tokenizer, respond, kill_after))
        return made[-1]

    result = run_inference(cfg, backend_factory=factory)
    return result, made


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_augmented_programs_map_test_outputs_back_to_the_original_answers(tmp_path, tiny_model_dir, tokenizer, tasks):
    cfg = make_cfg(tiny_model_dir, tmp_path, predictions_per_task=8, augmentations_per_task=8)
    result, _ = run(cfg, tokenizer)
    results = read_lines(tmp_path / "results.jsonl")
    assert len(results) == 3 * 8
    transforms = {r.get("augmentation", {}).get("transform", "identity") for r in results}
    assert len(transforms) == 8  # every dihedral transform was used
    for row in results:
        assert row["status"] == "verified", (row["candidate_id"], row["detail"])
        truth = [p.output.tolist() for p in tasks[row["task_id"]].test]
        assert row["test_outputs"] == truth, row["candidate_id"]
    submission = json.loads((tmp_path / "submission.json").read_text())
    for tid in LIBRARY_TASKS:
        assert [a["attempt_1"] for a in submission[tid]] == [p.output.tolist() for p in tasks[tid].test]
    assert result["counts"]["tasks_with_verified"] == 3 and result["score"] == 1.0


def test_an_unconjugated_program_fails_under_a_colour_permutation(tmp_path, tiny_model_dir, tokenizer):
    """The control for the round trip: the augmentation really changes the task the program sees."""
    def raw(group, j):
        return f"```python\n{load_solution(group.task_id).source}\n```"

    cfg = make_cfg(tiny_model_dir, tmp_path, tasks=["00d62c1b"])  # fills with colour 4: not colour-invariant
    run(cfg, tokenizer, respond=raw)
    status = {r["sample_index"]: r["status"] for r in read_lines(tmp_path / "results.jsonl")}
    assert status[0] == "verified"  # the identity group
    assert all(status[i] != "verified" for i in (1, 2, 3))


def test_files_and_schema(tmp_path, tiny_model_dir, tokenizer):
    result, made = run(make_cfg(tiny_model_dir, tmp_path), tokenizer)
    for name in ("candidates.jsonl", "results.jsonl", "submission.json", "summary.json", "run.json"):
        assert (tmp_path / name).exists(), name
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert len(rows) == 12 and len({r["candidate_id"] for r in rows}) == 12
    for row in rows:
        for key, typ in CANDIDATE_FIELDS.items():
            assert isinstance(row[key], typ), key
        assert row["parse_error"] is None and row["code"].startswith("def original_task(")
        assert isinstance(row["cumulative_logprob"], float)
        assert ("augmentation" in row) == (row["sample_index"] != 0)
    for tid in LIBRARY_TASKS:
        assert sorted(r["sample_index"] for r in rows if r["task_id"] == tid) == [0, 1, 2, 3]
    assert made[0].closed
    saved = json.loads((tmp_path / "run.json").read_text())
    assert saved == json.loads(json.dumps(result))
    for key in ("model", "adapter", "dataset", "backend", "params", "versions", "timings", "counts",
                "tokens_per_s", "programs_per_s"):
        assert key in saved, key
    assert saved["status"] == "finished" and saved["backend"] == "fake"
    assert {"generation_s", "verification_s", "total_s"} <= set(saved["timings"])
    assert saved["counts"]["candidates_now"] == 12
    assert saved["counts"]["generated_tokens_now"] == sum(r["n_tokens"] for r in rows)
    assert "tasks with a verified program: 3/3" in format_summary(saved)


def test_a_killed_run_resumes_without_duplicates_or_losses(tmp_path, tiny_model_dir, tokenizer):
    cfg = make_cfg(tiny_model_dir, tmp_path)  # 4 groups of 1 sample per task
    with pytest.raises(Killed):
        run(cfg, tokenizer, kill_after=6)  # the first task finished, the second half done
    assert json.loads((tmp_path / "run.json").read_text())["status"] == "interrupted"
    first = (tmp_path / "candidates.jsonl").read_text()
    assert {r["task_id"] for r in map(json.loads, first.splitlines())} == {LIBRARY_TASKS[0]}

    result, made = run(cfg, tokenizer)
    assert {r.tag.task_id for r in made[0].requests} == set(LIBRARY_TASKS[1:])
    text = (tmp_path / "candidates.jsonl").read_text()
    assert text.startswith(first)  # nothing lost, nothing rewritten
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert len(rows) == 12 and len({r["candidate_id"] for r in rows}) == 12
    results = read_lines(tmp_path / "results.jsonl")
    assert sorted(r["candidate_id"] for r in results) == sorted(r["candidate_id"] for r in rows)
    assert result["counts"]["tasks_from_earlier_runs"] == 1 and result["resumed"]


def test_a_cut_line_and_an_unfinished_task_are_dropped_and_regenerated(tmp_path, tiny_model_dir, tokenizer):
    cfg = make_cfg(tiny_model_dir, tmp_path)
    run(cfg, tokenizer)
    lines = (tmp_path / "candidates.jsonl").read_text().splitlines(keepends=True)
    last = LIBRARY_TASKS[-1]
    kept = [ln for ln in lines if json.loads(ln)["task_id"] != last]
    partial = [ln for ln in lines if json.loads(ln)["task_id"] == last][:2]
    # A kill while the last task was being written: two of its lines, then half a line.
    (tmp_path / "candidates.jsonl").write_text("".join(kept + partial) + lines[-1][:25])

    def wrong(group, j):  # the regenerated samples differ from the first run's
        return "```python\ndef task(grid):\n    return grid\n```"

    result, made = run(cfg, tokenizer, respond=wrong)
    assert {r.tag.task_id for r in made[0].requests} == {last}
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert len(rows) == 12 and len({r["candidate_id"] for r in rows}) == 12
    assert [json.dumps(r) for r in rows[:8]] == [json.dumps(json.loads(ln)) for ln in kept]
    results = {r["candidate_id"]: r for r in read_lines(tmp_path / "results.jsonl")}
    assert len(results) == 12 and len(read_lines(tmp_path / "results.jsonl")) == 12
    assert all(r["status"] == "wrong_output" for cid, r in results.items() if r["task_id"] == last)
    assert result["counts"]["tasks_with_verified"] == 2


def test_a_finished_run_is_not_generated_again(tmp_path, tiny_model_dir, tokenizer):
    cfg = make_cfg(tiny_model_dir, tmp_path)
    run(cfg, tokenizer)
    before = (tmp_path / "candidates.jsonl").read_text()
    result, made = run(cfg, tokenizer)
    assert made == []  # no model was even loaded
    assert (tmp_path / "candidates.jsonl").read_text() == before
    assert len(read_lines(tmp_path / "results.jsonl")) == 12
    assert result["counts"]["tasks_from_earlier_runs"] == 3


def test_resuming_with_other_sampling_parameters_is_refused(tmp_path, tiny_model_dir, tokenizer):
    run(make_cfg(tiny_model_dir, tmp_path), tokenizer)
    with pytest.raises(UserError, match="temperature"):
        run(make_cfg(tiny_model_dir, tmp_path, temperature=0.3), tokenizer)


def test_an_unknown_dtype_is_refused_before_any_model_is_loaded(tmp_path, tiny_model_dir, tokenizer):
    with pytest.raises(UserError, match="--dtype bf17: expected one of default, bfloat16"):
        run(make_cfg(tiny_model_dir, tmp_path, dtype="bf17"), tokenizer)
    assert not (tmp_path / "candidates.jsonl").exists()


def test_a_task_too_long_for_the_context_is_skipped_with_its_reason(tmp_path, tiny_model_dir, tokenizer):
    folder = tmp_path / "data"
    folder.mkdir()
    small = {"train": [{"input": [[1]], "output": [[2]]}] * 3, "test": [{"input": [[1]]}]}
    big_grid = np.ones((30, 30), dtype=int).tolist()
    big = {"train": [{"input": big_grid, "output": big_grid}], "test": [{"input": big_grid}]}
    (folder / "small.json").write_text(json.dumps(small))
    (folder / "big.json").write_text(json.dumps(big))
    cfg = make_cfg(tiny_model_dir, tmp_path / "run", dataset=str(folder), tasks=None,
                   max_model_len=600, max_tokens=100)
    result, _ = run(cfg, tokenizer, respond=lambda g, j: "```python\ndef task(grid):\n    return grid + 1\n```")
    skipped = read_lines(tmp_path / "run" / "skipped.jsonl")
    assert [s["task_id"] for s in skipped] == ["big"] and "budget is 500" in skipped[0]["reason"]
    assert result["skipped"] == skipped and result["counts"]["tasks_skipped"] == 1
    assert {r["task_id"] for r in read_lines(tmp_path / "run" / "candidates.jsonl")} == {"small"}
    assert json.loads((tmp_path / "run" / "submission.json").read_text())["big"] == [
        {"attempt_1": [[0]], "attempt_2": [[0]]}]
