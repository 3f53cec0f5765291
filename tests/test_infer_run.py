"""The resumable `omni infer` run, with fake backends standing in for the model.

A library solution plays the model: for a prompt showing the task under augmentation A it
"writes" the library program conjugated by A (A after the program after A's inverse), which is
exactly the program that is correct on the augmented task. Verification must then map every
test output back to the original task's answer.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from helpers import Killed, conjugated, read_lines, run_fake
from infer.backends import Request, Sample
from infer.run import InferConfig, finished_tasks, format_summary
from omni_arc.data import load_dataset
from omni_arc.errors import UserError
from omni_arc.library import load_solution

DATASET = "arc-agi-1/training"
LIBRARY_TASKS = ["007bbfb7", "00d62c1b", "017c7c7b"]
CANDIDATE_FIELDS = {
    "task_id": str, "candidate_id": str, "sample_index": int, "response": str, "code": str,
    "n_tokens": int, "finish_reason": str, "prompt_tokens": int, "dropped_pairs": int,
}

def library_response(group, j: int) -> str:
    source = load_solution(group.task_id).source
    return f"Here is my program:\n```python\n{conjugated(source, group.augmentation)}```\n"


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
    return run_fake(cfg, tokenizer, respond, kill_after)


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


class OutOfOrder:
    """A backend that finishes the requests it was given in reverse order, leaving out the last
    ``lose`` of them, each with ``extra`` samples more than asked for."""

    def __init__(self, lose: int = 0, extra: int = 0):
        self.lose, self.extra = lose, extra

    def stream(self, requests):
        given = list(requests)
        for request in reversed(given[:len(given) - self.lose]):
            yield request, [Sample("x", 1, -1.0, "stop")] * (request.n + self.extra)


def test_a_task_is_handed_over_whole_once_its_last_group_finishes():
    groups = {"a": [SimpleNamespace(task_id="a", n=2), SimpleNamespace(task_id="a", n=1)],
              "b": [SimpleNamespace(task_id="b", n=1)]}

    def task_requests():
        for tid in ("a", "b"):
            yield [Request([1], g.n, 0, g) for g in groups[tid]]

    handed = list(finished_tasks(OutOfOrder(), task_requests()))
    assert [[g for g, _ in finished] for finished in handed] == [groups["b"], groups["a"][::-1]]
    assert [len(samples) for _, samples in handed[1]] == [1, 2]
    with pytest.raises(RuntimeError, match="never finished 1 tasks"):
        list(finished_tasks(OutOfOrder(lose=1), task_requests()))
    with pytest.raises(RuntimeError, match="returned 2 samples, expected 1"):
        list(finished_tasks(OutOfOrder(extra=1), task_requests()))


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
