"""Equal-compute comparisons: arms are cut to the same generated tokens before they are scored."""
import importlib.util
from pathlib import Path

from omni_arc.evaluate.budget import first_k, matched_k, solved_tasks, tokens


def load_benchmark(name: str):
    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RIGHT = {"status": "verified", "test_outputs": [[[1]]]}
WRONG = {"status": "wrong_output", "test_outputs": [[[2]]]}


def test_a_prefix_keeps_the_first_samples_of_every_task_within_the_budget():
    rows = {"a": [{**WRONG, "sample_index": i, "n_tokens": 10} for i in range(3)],
            "b": [{**WRONG, "sample_index": i, "n_tokens": 30} for i in range(3)]}
    assert matched_k(rows, 80) == 2 and tokens(first_k(rows, 2)) == 80
    assert matched_k(rows, 79) == 1


def test_a_verified_program_that_is_wrong_on_test_is_verified_but_not_solved():
    rows = {"t": [{"status": "verified", "test_outputs": [[[2]]]}]}
    assert solved_tasks(rows, {"t": [[[1]]]}) == ({"t"}, set())


def test_the_arm_with_more_tokens_is_cut_to_the_other_arms_budget():
    bench = load_benchmark("prompt_kinds")
    cheap = {"t": [{**WRONG, "sample_index": i, "n_tokens": 10} for i in range(4)]}           # 40 tokens
    costly = {"t": [{**WRONG, "sample_index": 0, "n_tokens": 20}, {**WRONG, "sample_index": 1, "n_tokens": 20},
                    {**RIGHT, "sample_index": 2, "n_tokens": 20}]}                             # 60 tokens
    table = bench.equal_tokens_table({"plain": cheap, "neighbours": costly}, {"t": [[[1]]]}, search_solved=set())
    by = {r["arm"]: r for r in table}
    assert (by["plain"]["samples_per_task"], by["plain"]["tokens"]) == (4, 40)
    # the right program is its third sample: beyond the 40-token budget, so not counted
    assert (by["neighbours"]["samples_per_task"], by["neighbours"]["tokens"]) == (2, 40)
    assert by["neighbours"]["tasks_solved"] == 0 and by["neighbours"]["full_tasks_solved"] == 1


def test_tasks_the_search_solves_are_not_credited_to_the_model():
    bench = load_benchmark("prompt_kinds")
    rows = {"t": [{**RIGHT, "sample_index": 0, "n_tokens": 5}], "u": [{**RIGHT, "sample_index": 0, "n_tokens": 5}]}
    table = bench.equal_tokens_table({"a": rows}, {"t": [[[1]]], "u": [[[1]]]}, search_solved={"u"})
    assert table[0]["tasks_solved"] == 2 and table[0]["solved_not_by_search"] == ["t"]
