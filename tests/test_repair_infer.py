"""Repair rounds of `omni infer` (infer.repair): who gets repaired, what the prompt shows, what is
recorded, and resuming in the middle of a round. A fake backend plays the model: in the first
round it writes deliberately wrong programs, in repair rounds the library's solution (conjugated
by the parent's augmentation, so it is right in the frame the prompt shows)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import Killed, conjugated, read_lines, run_fake, run_omni
from infer.repair import RepairGroup
from infer.run import InferConfig, run_inference
from omni_arc.library import load_solution

DATASET = "arc-agi-1/training"
TASKS = ["007bbfb7", "00d62c1b", "017c7c7b"]  # 3x3 -> 9x9; fill enclosed cells; 6x3 -> 9x3
def fence(code: str) -> str:
    return f"```python\n{code}\n```"


# First-round programs per task, by sample index: 007bbfb7 gets a raise, a wrong shape and a
# near miss (right shape, many cells right); 00d62c1b is solved at once; 017c7c7b is all wrong.
FIRST = {
    "007bbfb7": ["def task(grid):\n    x = 1\n    return grid // 0 + None",
                 "def task(grid):\n    return grid",
                 "def task(grid):\n    return np.tile(grid, (3, 3))"],
    "017c7c7b": ["def task(grid):\n    return grid"] * 3,
}


def respond(tag, j: int) -> str:
    if isinstance(tag, RepairGroup):
        return fence(conjugated(load_solution(tag.task_id).source, tag.augmentation))
    if tag.task_id == "00d62c1b":
        return fence(conjugated(load_solution(tag.task_id).source, tag.augmentation))
    return fence(FIRST[tag.task_id][(tag.first_sample + j) % 3])


def make_cfg(model: Path, out: Path, **kw) -> InferConfig:
    base = dict(model=model, dataset=DATASET, output=out, tasks=TASKS, predictions_per_task=3,
                augment=False, max_model_len=8192, max_tokens=256, progress=False, verify_workers=1,
                repair_rounds=1, repair_top=1, repair_samples=2)
    base.update(kw)
    return InferConfig(**base)


def run(cfg: InferConfig, tokenizer, kill_after=None, respond=respond):
    return run_fake(cfg, tokenizer, respond, kill_after)


def test_unsolved_tasks_get_their_nearest_failed_program_repaired(tmp_path, tiny_model_dir, tokenizer):
    result, made = run(make_cfg(tiny_model_dir, tmp_path), tokenizer)
    rows = read_lines(tmp_path / "candidates.jsonl")
    first = [r for r in rows if r["round"] == 0]
    repairs = [r for r in rows if r["round"] == 1]
    assert len(first) == 9 and all(r["kind"] == "code_from_examples" for r in first)
    # 00d62c1b verified in round 0: no repair; the others: one parent (--repair-top 1), two samples
    assert sorted({r["task_id"] for r in repairs}) == ["007bbfb7", "017c7c7b"]
    assert len(repairs) == 4
    for r in repairs:
        assert r["kind"] == "repair" and r["source"] == "repair" and r["round_samples"] == 2
        assert r["candidate_id"] == f"{r['task_id']}:r1:{r['sample_index']}"
    # the near miss (np.tile: right shape, most cells) is preferred to a wrong shape or a raise
    assert {r["parent"] for r in repairs if r["task_id"] == "007bbfb7"} == {"007bbfb7:2"}
    assert {r["parent"] for r in repairs if r["task_id"] == "017c7c7b"} == {"017c7c7b:0"}
    results = read_lines(tmp_path / "results.jsonl")
    assert len(results) == 13
    assert all(r["status"] == "verified" for r in results if r.get("round") == 1)
    assert result["counts"]["tasks_with_verified"] == 3 and result["score"] == 1.0
    assert result["repair_now"]["1"] == {"tasks": 2, "parents": 2, "candidates": 4,
                                         "tokens": sum(r["n_tokens"] for r in repairs)}
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["sources"]["repair"] == {"candidates": 4, "verified": 4}


def test_the_repair_prompt_shows_the_failed_program_and_what_it_did(tmp_path, tiny_model_dir, tokenizer):
    _, made = run(make_cfg(tiny_model_dir, tmp_path, tasks=["007bbfb7"]), tokenizer)
    (request,) = [r for r in made[0].requests if isinstance(r.tag, RepairGroup)]
    prompt = tokenizer.decode(request.prompt_ids)
    assert "## Program\n```python\ndef task(grid):\n    return np.tile(grid, (3, 3))\n```" in prompt
    assert "Example 1 is wrong.\n### Expected output\nshape: 9x9" in prompt
    assert "### The program's output\nshape: 9x9" in prompt
    assert "Summary: 0 of 5 examples right; output shape right in 5 of 5;" in prompt


def test_a_repair_carries_its_parents_augmentation(tmp_path, tiny_model_dir, tokenizer):
    cfg = make_cfg(tiny_model_dir, tmp_path, tasks=["017c7c7b"], augment=True, augmentations_per_task=3,
                   repair_top=3, repair_samples=1)
    run(cfg, tokenizer)
    rows = read_lines(tmp_path / "candidates.jsonl")
    by_id = {r["candidate_id"]: r for r in rows}
    repairs = [r for r in rows if r["round"] == 1]
    assert len(repairs) == 3 and len({r["parent"] for r in repairs}) == 3
    for r in repairs:
        assert r.get("augmentation") == by_id[r["parent"]].get("augmentation")
    assert {r["status"] for r in read_lines(tmp_path / "results.jsonl") if r.get("round") == 1} == {"verified"}


def test_a_kill_in_the_middle_of_a_repair_round_resumes_without_redoing_finished_tasks(
        tmp_path, tiny_model_dir, tokenizer):
    # round 0: 3 requests; round 1: 2 for 007bbfb7, 1 for 017c7c7b (its programs are all the same)
    cfg = make_cfg(tiny_model_dir, tmp_path, repair_top=2)
    with pytest.raises(Killed):
        run(cfg, tokenizer, kill_after=5)  # 007bbfb7's repair written, 017c7c7b's not
    before = (tmp_path / "candidates.jsonl").read_text()
    assert {(r["task_id"], r["round"]) for r in map(json.loads, before.splitlines())} == {
        (t, 0) for t in TASKS} | {("007bbfb7", 1)}
    result, made = run(cfg, tokenizer)
    assert [(r.tag.task_id, r.tag.round) for r in made[0].requests] == [("017c7c7b", 1)]
    text = (tmp_path / "candidates.jsonl").read_text()
    assert text.startswith(before)
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert len(rows) == 9 + 4 + 2 and len({r["candidate_id"] for r in rows}) == 15
    results = read_lines(tmp_path / "results.jsonl")
    assert sorted(r["candidate_id"] for r in results) == sorted(r["candidate_id"] for r in rows)
    assert result["counts"]["tasks_with_verified"] == 3


def test_a_cut_repair_round_is_dropped_with_its_results_and_done_again(tmp_path, tiny_model_dir, tokenizer):
    cfg = make_cfg(tiny_model_dir, tmp_path, repair_top=2)
    run(cfg, tokenizer)
    text = (tmp_path / "candidates.jsonl").read_text().splitlines(keepends=True)
    # a kill while 017c7c7b's repair round was being written: one whole line, then half a line
    cut = [i for i, ln in enumerate(text) if json.loads(ln)["candidate_id"].startswith("017c7c7b:r1:")]
    (tmp_path / "candidates.jsonl").write_text("".join(text[:cut[0] + 1]) + text[cut[1]][:30])
    result, made = run(cfg, tokenizer)
    assert [(r.tag.task_id, r.tag.round) for r in made[0].requests] == [("017c7c7b", 1)]
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert len(rows) == 15 and len({r["candidate_id"] for r in rows}) == 15
    results = read_lines(tmp_path / "results.jsonl")
    assert len(results) == 15 and {r["candidate_id"] for r in results} == {r["candidate_id"] for r in rows}


def test_a_finished_repair_run_loads_no_model_and_more_rounds_extend_it(tmp_path, tiny_model_dir, tokenizer):
    def late(tag, j):  # round 1 repairs into another wrong program, round 2 into the solution
        if isinstance(tag, RepairGroup) and tag.round == 1:
            return fence("def task(grid):\n    return grid[::-1]")
        return respond(tag, j)

    cfg = make_cfg(tiny_model_dir, tmp_path, tasks=["017c7c7b"])
    first, _ = run(cfg, tokenizer, respond=late)
    assert first["counts"]["tasks_with_verified"] == 0
    _, made = run(cfg, tokenizer, respond=late)
    assert made == []  # nothing left to do: no model loaded
    result, made = run(make_cfg(tiny_model_dir, tmp_path, tasks=["017c7c7b"], repair_rounds=2), tokenizer,
                       respond=late)
    assert [(r.tag.round, r.tag.parent) for r in made[0].requests] == [(2, "017c7c7b:r1:0")]
    assert result["counts"]["tasks_with_verified"] == 1
    rows = read_lines(tmp_path / "candidates.jsonl")
    assert [r["round"] for r in rows] == [0, 0, 0, 1, 1, 2, 2]


def test_repair_options_are_checked(tmp_path, tiny_model_dir):
    from omni_arc.errors import UserError

    with pytest.raises(UserError, match="--repair-rounds -1"):
        run_inference(make_cfg(tiny_model_dir, tmp_path, repair_rounds=-1))
    with pytest.raises(UserError, match="--repair-top"):
        run_inference(make_cfg(tiny_model_dir, tmp_path, repair_top=0))


def check_repair_rows(out: Path, backend: str) -> list[dict]:
    rows = read_lines(out / "candidates.jsonl")
    repairs = [r for r in rows if r["round"] == 1]
    # 007bbfb7: the near miss, then the earlier of two that share no cell; 017c7c7b: its one program
    assert sorted((r["task_id"], r["parent"]) for r in repairs) == sorted(
        [("007bbfb7", "007bbfb7:2")] * 2 + [("007bbfb7", "007bbfb7:0")] * 2 + [("017c7c7b", "017c7c7b:0")] * 2)
    for r in repairs:
        assert r["kind"] == "repair" and r["source"] == "repair" and 1 <= r["n_tokens"] <= 16
        assert isinstance(r["response"], str) and r["finish_reason"] in ("stop", "length")
    results = read_lines(out / "results.jsonl")
    assert sorted(r["candidate_id"] for r in results) == sorted(r["candidate_id"] for r in rows)
    run_json = json.loads((out / "run.json").read_text())
    assert run_json["backend"] == backend and run_json["repair_now"]["1"]["candidates"] == 6
    return repairs


def test_repair_round_on_the_transformers_backend(tmp_path, tiny_model_dir, tokenizer):
    """Round 0 from the fake model (wrong programs), then the repair round from the tiny model."""
    cfg = make_cfg(tiny_model_dir, tmp_path, repair_rounds=0, repair_top=2, max_tokens=16,
                   max_model_len=4096, backend="transformers")
    run(cfg, tokenizer)
    cfg.repair_rounds = 1
    run_inference(cfg)  # the real backend: make_backend("transformers", ...)
    check_repair_rows(tmp_path, "transformers")


@pytest.mark.slow
def test_repair_round_on_the_vllm_backend(tmp_path, backend_model_dir, tokenizer):
    pytest.importorskip("vllm")
    cfg = make_cfg(backend_model_dir, tmp_path, repair_rounds=0, repair_top=2, max_tokens=16,
                   max_model_len=4096, backend="vllm", backend_extra={})
    run(cfg, tokenizer)
    cfg.repair_rounds = 1
    run_inference(cfg)
    check_repair_rows(tmp_path, "vllm")


def test_evaluate_reports_solved_per_round_and_the_repair_success_rate(tmp_path, tiny_model_dir, tokenizer):
    from omni_arc.evaluate import evaluate_run
    from omni_arc.evaluate.tokens import whitespace_counter

    run(make_cfg(tiny_model_dir, tmp_path, repair_top=2), tokenizer)
    report = evaluate_run(tmp_path, counter=whitespace_counter(), plots=False, html_tasks=0,
                          show_progress=False).report
    rounds = report["repair"]["rounds"]
    assert [(r["round"], r["samples"], r["tasks_with_verified"], r["tasks_solved"]) for r in rounds] == [
        (0, 9, 1, 1), (1, 6, 3, 3)]
    assert report["repair"]["success"] == {"samples": 6, "verified": 6, "sample_rate": 1.0,
                                           "parents": 3, "parents_fixed": 3, "parent_rate": 1.0}
    md = (tmp_path / "report.md").read_text()
    assert "## Repair rounds" in md and "| 1 | 6 |" in md
    assert "6 of 6 repair samples verified (100.0%); 3 of 3 repaired programs" in md


def test_verified_repairs_become_hindsight_training_samples(tmp_path, tiny_model_dir, tokenizer):
    from omni_arc.data import load_dataset
    from omni_arc.errors import UserError
    from omni_arc.prompts import format_answer
    from omni_arc.sandbox import Executor
    from train.repair_source import hindsight_samples

    run(make_cfg(tiny_model_dir, tmp_path, repair_top=2), tokenizer)
    results = read_lines(tmp_path / "results.jsonl")
    by_id = {r["candidate_id"]: r for r in results}
    tasks = load_dataset(DATASET)
    with Executor(workers=1) as ex:
        samples = hindsight_samples(results, tasks, ex.run_many)
        assert len(samples) == 6  # every repair verified
        for s in samples:
            child, parent = by_id[s["candidate_id"]], by_id[s["parent"]]
            assert s["kind"] == "repair" and s["origin"] == "hindsight" and parent["status"] != "verified"
            assert s["completion"][0]["content"] == format_answer(child["code"])
            assert f"## Program\n{format_answer(parent['code'])}" in s["prompt"][1]["content"]
        raised = [s for s in samples if s["parent"] == "007bbfb7:0"]
        assert raised and "the program raised TypeError" in raised[0]["prompt"][1]["content"]
        foreign = [{**r, "task_id": "00576224"} for r in results]  # an ARC-AGI-1 evaluation id
        with pytest.raises(UserError, match="not an ARC-AGI-1 training task"):
            hindsight_samples(foreign, {"00576224": tasks["007bbfb7"]}, ex.run_many)


def test_the_omni_infer_command_takes_the_repair_options(tmp_path, tiny_model_dir, monkeypatch, capsys):
    def omni(*args):
        code, _, err = run_omni(monkeypatch, capsys, "infer", "--model", str(tiny_model_dir), "--dataset", DATASET,
                                "--tasks", "017c7c7b", "-n", "1", "--max-tokens", "4", "--backend", "transformers",
                                "--output-dir", str(tmp_path), "--no-progress", "--verify-workers", "1", *args)
        return code, err

    code, err = omni("--repair-top", "0")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--repair-top" in err
    code, err = omni("--repair-rounds", "1", "--repair-top", "3", "--repair-samples", "2")
    assert code == 0, err
    params = json.loads((tmp_path / "run.json").read_text())["params"]
    assert (params["repair_rounds"], params["repair_top"], params["repair_samples"]) == (1, 3, 2)
