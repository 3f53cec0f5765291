"""Execution feedback (omni_arc.feedback) and the repair prompt (omni_arc.prompts) that carries it."""
from __future__ import annotations

import numpy as np
import pytest

from omni_arc.data import Pair
from omni_arc.feedback import closeness, render_feedback
from omni_arc.prompts import fit_repair_messages, repair_messages

A = np.array([[1, 2], [3, 4]])
B = np.array([[5]])


def test_a_wrong_grid_is_shown_beside_the_expected_one_with_a_summary():
    text = render_feedback([A, A], [A, np.array([[1, 2], [3, 0]])], [None, None], "def task(grid): ...")
    assert text.splitlines() == [
        "Example 2 is wrong.", "### Expected output", "shape: 2x2", "1 12", "2 34",
        "### The program's output", "shape: 2x2", "1 12", "2 30",
        "Summary: 1 of 2 examples right; output shape right in 2 of 2; 88% of the expected cells right.",
    ]


def test_a_wrong_shape_counts_no_cells():
    text = render_feedback([A], [B], [None], "")
    assert "### The program's output\nshape: 1x1\n1 5" in text
    assert text.endswith("output shape right in 0 of 1; 0% of the expected cells right.")


def test_an_exception_names_and_quotes_the_line_of_the_program():
    code = "def task(grid):\n    h = grid.shape[0]\n    return grid[h + 1]"
    err = "exception: IndexError: index 3 is out of bounds for axis 0 with size 2 (line 3)"
    text = render_feedback([A, A], [A, None], [None, err], code)
    assert text.splitlines()[:2] == [
        "On example 2 the program raised IndexError: index 3 is out of bounds for axis 0 with size 2 (line 3)",
        "    3 |     return grid[h + 1]"]
    assert "Summary: 1 of 2 examples right" in text


def test_timeouts_and_invalid_grids_are_said_in_words():
    assert render_feedback([A], [None], ["timeout: CPU time limit of 2 s exceeded"], "").startswith(
        "On example 1 the program timed out (CPU time limit of 2 s exceeded)")
    assert render_feedback([A], [None], ["invalid_output: returned int, expected a 2-D grid"], "").startswith(
        "On example 1 the program returned an invalid grid (returned int, expected a 2-D grid)")


def test_a_failure_on_a_test_input_is_reported_when_every_example_is_right():
    text = render_feedback([A], [A], [None], "def task(grid):\n    return 1 / 0",
                           test_errors=["exception: ZeroDivisionError: division by zero (line 2)"])
    assert text.startswith("Every example is right, but on test input 1 the program raised "
                           "ZeroDivisionError: division by zero (line 2)\n    2 |     return 1 / 0")


def test_example_numbers_follow_the_pairs_the_prompt_keeps():
    text = render_feedback([A, A, A], [A, A, B], [None] * 3, "", number={2: 1})
    assert text.startswith("Example 1 is wrong.")


def test_closeness_ranks_pairs_right_before_cells_right():
    near = closeness([A, A], [A, B])  # one pair right
    many_cells = closeness([A, A], [np.array([[1, 2], [3, 0]])] * 2)  # 75% of cells, no pair right
    assert near.key() > many_cells.key()
    assert many_cells.cell_fraction == pytest.approx(0.75)


def count_chars(messages):
    return sum(len(m["content"]) for m in messages)


def test_the_repair_prompt_drops_other_pairs_first_and_keeps_the_failing_one():
    pairs = [Pair(np.full((5, 5), i), np.full((5, 5), i)) for i in range(1, 5)]

    def feedback_on(failing):
        return lambda numbers: f"Example {numbers[failing]} is wrong."

    full = count_chars(repair_messages(pairs, "def task(grid): ...", "Example 2 is wrong."))
    one_pair = count_chars(repair_messages(pairs[:1], "def task(grid): ...", "Example 2 is wrong."))
    budget = full - 1  # one pair too many
    fitted, kept = fit_repair_messages(pairs, "def task(grid): ...", feedback_on(1), count_chars, budget,
                                       failing=1)
    assert kept == [0, 1, 2] and fitted.dropped_pairs == 1 and fitted.n_tokens <= budget
    fitted, kept = fit_repair_messages(pairs, "def task(grid): ...", feedback_on(3), count_chars, one_pair,
                                       failing=3)
    assert kept == [3] and fitted.n_tokens <= one_pair
    assert fitted.messages[1]["content"].endswith("Example 1 is wrong.")  # renumbered
    assert "## Example 1\n### Input\nshape: 5x5\n1 44444" in fitted.messages[1]["content"]
    assert fit_repair_messages(pairs, "def task(grid): ...", feedback_on(3), count_chars,
                               one_pair - 200, failing=3) is None


def test_repair_prompts_fit_the_token_budget_of_the_model(tiny_model_dir):
    """Real tokens: a task with 30x30 grids under a budget that fits only some of its pairs."""
    from transformers import AutoTokenizer

    from infer.prompting import PromptBuilder
    from infer.repair import select_parents, repair_groups
    from omni_arc.data import Task
    from concurrent.futures import Future
    from omni_arc.sandbox import ExecResult

    rng = np.random.default_rng(0)
    big = [Pair(rng.integers(0, 10, (30, 30)), rng.integers(0, 10, (30, 30))) for _ in range(4)]
    task = Task("big", tuple(big), (Pair(rng.integers(0, 10, (30, 30)), None),))

    def submit(code, inputs):  # the program returns each input unchanged
        f = Future()
        f.set_result(ExecResult("ok", "", [np.asarray(x) for x in inputs], [None] * len(inputs)))
        return f

    row = {"task_id": "big", "candidate_id": "big:0", "status": "wrong_output", "code": "def task(grid):\n    return grid"}
    (parent,) = select_parents(task, [row], 1, 4, submit)
    builder = PromptBuilder(AutoTokenizer.from_pretrained(str(tiny_model_dir)), budget=6000)
    (group,) = repair_groups("big", 1, [parent], 2, builder.count, builder.encode, builder.budget)
    assert group.prompt_tokens <= 6000 and group.dropped_pairs >= 1 and group.n == 2
    text = builder.tokenizer.decode(group.prompt_ids)
    assert "## Feedback\nExample 1 is wrong." in text
    assert repair_groups("big", 1, [parent], 2, builder.count, builder.encode, 1500) == []


def load_benchmark():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "repair_rounds.py"
    spec = importlib.util.spec_from_file_location("repair_rounds", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_equal_compute_table_matches_the_baseline_to_the_repair_runs_tokens():
    bench = load_benchmark()
    right = {"status": "verified", "test_outputs": [[[1]]], "n_tokens": 10}
    wrong = {"status": "wrong_output", "test_outputs": [[[2]]], "n_tokens": 10}
    repair = {"t": [{**wrong, "sample_index": 0}, {**wrong, "sample_index": 1},
                    {**right, "round": 1, "sample_index": 0, "parent": "t:0"}]}
    baseline = {"t": [{**wrong, "sample_index": i} for i in range(5)] + [{**right, "sample_index": 5}]}
    table = bench.equal_compute_table(repair, baseline, {"t": [[[1]]]}, rounds=1)
    assert [(r["rounds"], r["tokens"], r["tasks_solved"], r["baseline_samples_per_task"],
             r["baseline_tokens"], r["baseline_tasks_solved"]) for r in table] == [
        (0, 20, 0, 2, 20, 0), (1, 30, 1, 3, 30, 0)]
