"""The pure metric functions of `omni evaluate`, against hand-computed values and brute force."""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest

from omni_arc.evaluate import metrics as M
from omni_arc.verify import vote


def v(*outs):
    """A verified result row with these test outputs."""
    return {"status": "verified", "test_outputs": list(outs)}


# --- ARC Prize score --------------------------------------------------------------------------

def test_a_test_input_is_solved_by_either_attempt_and_only_exactly():
    truth = [[1, 2], [3, 4]]
    assert M.test_input_correct({"attempt_1": truth, "attempt_2": [[0]]}, truth)
    assert M.test_input_correct({"attempt_1": [[0]], "attempt_2": truth}, truth)
    assert not M.test_input_correct({"attempt_1": [[1, 2]], "attempt_2": [[1, 2], [3, 5]]}, truth)
    assert not M.test_input_correct({"attempt_1": [], "attempt_2": None}, truth)  # empty attempts
    assert not M.test_input_correct({}, truth)
    assert M.test_input_correct({"attempt_1": np.array(truth)}, np.array(truth))


def test_task_score_is_the_fraction_of_test_inputs_solved():
    truths = [[[1]], [[2]], [[3]], [[4]]]
    entry = [{"attempt_1": [[1]], "attempt_2": [[0]]},   # right
             {"attempt_1": [[0]], "attempt_2": [[2]]},   # right (second attempt)
             {"attempt_1": [], "attempt_2": []}]         # wrong; 4th item missing: wrong
    assert M.task_score(entry, truths) == 0.5
    assert M.task_score(None, truths) == 0.0
    assert M.task_score("garbage", truths) == 0.0


def test_arc_score_averages_over_all_tasks_and_missing_tasks_count_zero():
    solutions = {"a": [[[1]], [[2]]], "b": [[[3]]], "c": [[[4]]]}
    submission = {
        "a": [{"attempt_1": [[1]], "attempt_2": [[0]]}, {"attempt_1": [[0]], "attempt_2": [[0]]}],  # 1/2
        "b": [{"attempt_1": [[9]], "attempt_2": [[3]]}],  # 1
        "zzz": [{"attempt_1": [[4]], "attempt_2": [[4]]}],  # not a scored task: ignored
    }  # "c" missing: 0
    score = M.arc_score(submission, solutions)
    assert score.per_task == {"a": 0.5, "b": 1.0, "c": 0.0}
    assert score.score == pytest.approx(0.5)
    assert (score.n_tasks, score.n_solved) == (3, 1)


def test_a_sample_is_correct_only_with_every_test_output_exact():
    truths = [[[1]], [[2]]]
    assert M.outputs_correct([[[1]], [[2]]], truths)
    assert not M.outputs_correct([[[1]], [[3]]], truths)
    assert not M.outputs_correct([[[1]]], truths)
    assert not M.outputs_correct([[[1]], None], truths)
    assert not M.outputs_correct(None, truths)


# --- pass@k -----------------------------------------------------------------------------------

def brute_pass_at_k(n: int, c: int, k: int) -> Fraction:
    """The fraction of all k-subsets of n samples (c of them correct) holding a correct one."""
    samples = [True] * c + [False] * (n - c)
    subsets = list(combinations(samples, k))
    return Fraction(sum(any(s) for s in subsets), len(subsets))


@pytest.mark.parametrize("n", range(1, 8))
def test_pass_at_k_matches_brute_force_enumeration_of_all_k_subsets(n):
    for c in range(n + 1):
        for k in range(1, n + 1):
            assert M.pass_at_k(n, c, k) == pytest.approx(float(brute_pass_at_k(n, c, k)), abs=1e-12), (n, c, k)


def test_pass_at_k_edge_cases():
    assert M.pass_at_k(0, 0, 1) == 0.0          # a task without samples
    assert M.pass_at_k(3, 3, 1) == 1.0
    assert M.pass_at_k(2, 1, 5) == 1.0          # k > n: all n samples are used
    assert M.pass_at_k(2, 0, 5) == 0.0
    assert M.pass_at_k(1000, 1, 500) == pytest.approx(0.5)  # stable for large n
    with pytest.raises(ValueError):
        M.pass_at_k(2, 3, 1)


def test_pass_at_k_curve_averages_tasks_including_those_without_samples():
    # task 1: n=4, c=2; task 2: n=4, c=1; task 3: no samples
    curve = M.pass_at_k_curve([(4, 2), (4, 1), (0, 0)], [1, 2, 3, 4])
    assert curve == pytest.approx([(0.5 + 0.25) / 3, (5 / 6 + 1 / 2) / 3, (1 + 3 / 4) / 3, 2 / 3])


# --- vote@k -----------------------------------------------------------------------------------

X, Y = [[[2]], [[4]]], [[[2]], [[5]]]
TASK_A = [v(*X), v(*Y), {"status": "exception", "test_outputs": None}, v(*X)]
TRUTHS_A = [[[2]], [[4]]]


def test_vote_at_k_enumerates_every_subset_when_there_are_few():
    # By hand for TASK_A (truth X): k=1: X→1, Y→½, none→0, X→1: 2.5/4.
    # k=2: {XY}1 {X-}1 {XX}1 {Y-}½ {YX}1 {-X}1: 5.5/6. k=3 and k=4: always X in the top two: 1.
    got = M.vote_at_k([TASK_A], [TRUTHS_A], [1, 2, 3, 4, 9], vote)
    assert got == pytest.approx([2.5 / 4, 5.5 / 6, 1.0, 1.0, 1.0])


def test_vote_at_k_keeps_sample_order_so_ties_go_to_the_earlier_sample():
    wrong_a, wrong_b, right = v([[7]]), v([[8]]), v([[1]])  # one vote each: a three-way tie
    truths = [[[1]]]
    assert M.vote_at_k([[wrong_a, wrong_b, right]], [truths], [3], vote) == [0.0]
    assert M.vote_at_k([[right, wrong_b, wrong_a]], [truths], [3], vote) == [1.0]
    # k=2 over [a, b, right]: {a,b} 0, {a,right} 1, {b,right} 1 (two attempts cover a pair)
    assert M.vote_at_k([[wrong_a, wrong_b, right]], [truths], [2], vote) == [pytest.approx(2 / 3)]
    # with a 2-1 majority for a wrong grid, the right one still comes second
    assert M.vote_at_k([[wrong_a, right, wrong_a, wrong_b]], [truths], [4], vote) == [1.0]


def test_vote_at_k_averages_over_tasks_and_tasks_without_samples_count_zero():
    task_b = [{"status": "wrong_output", "test_outputs": [[[6]]]}]  # right but unverified
    got = M.vote_at_k([TASK_A, task_b, []], [TRUTHS_A, [[[6]]], [[[1]]]], [1, 4], vote)
    assert got == pytest.approx([2.5 / 4 / 3, 1 / 3])


def test_vote_at_k_with_k_equal_n_is_the_vote_of_all_samples():
    rows = [v([[i % 3]]) for i in range(10)]
    truths = [[[1]]]
    full = M.task_score(vote(rows, 1), truths)
    assert M.vote_at_k([rows], [truths], [10], vote)[0] == full


def test_vote_at_k_random_subsets_are_reproducible_and_estimate_the_exact_mean():
    rows = [v([[1]])] * 3 + [v([[2]])] * 5 + [v([[3]])] * 4  # 12 samples, C(12,5)=792 subsets
    truths = [[[1]]]
    exact = M.vote_at_k([rows], [truths], [5], vote, draws=10_000)[0]
    a = M.vote_at_k([rows], [truths], [5], vote, draws=200, seed=1)[0]
    b = M.vote_at_k([rows], [truths], [5], vote, draws=200, seed=1)[0]
    assert a == b
    assert a == pytest.approx(exact, abs=0.1)


def test_sample_subsets():
    rng = np.random.default_rng(0)
    assert M.sample_subsets(4, 2, 16, rng) == list(combinations(range(4), 2))
    assert M.sample_subsets(3, 5, 16, rng) == [(0, 1, 2)]
    drawn = M.sample_subsets(20, 3, 7, rng)
    assert len(drawn) == 7 and all(len(set(s)) == 3 and list(s) == sorted(s) for s in drawn)


# --- taxonomy, duplicates, summaries ------------------------------------------------------------

def test_failure_counts_and_exception_types():
    rows = [{"status": "exception", "detail": "ZeroDivisionError: division by zero"},
            {"status": "exception", "detail": "IndexError: index 5 is out of bounds"},
            {"status": "exception", "detail": "IndexError: list index out of range"},
            {"status": "exception", "detail": "Traceback?"},
            {"status": "timeout", "detail": "ran over 1.0 s"},
            {"status": "verified"}]
    counts = M.status_counts(rows, ("verified", "timeout", "memory", "exception"))
    assert counts == {"verified": 1, "timeout": 1, "memory": 0, "exception": 4}
    assert M.exception_counts(rows) == {"IndexError": 2, "ZeroDivisionError": 1, "other": 1}
    assert M.exception_type("numpy.exceptions.AxisError: axis 2") == "numpy.exceptions.AxisError"
    assert M.exception_type(None) == "other"


def test_duplicate_rate_counts_repeats_within_a_task_only():
    assert M.duplicate_rate({"a": ["h1", "h2", "h1", "h1"], "b": ["h1", "h3"]}) == pytest.approx(2 / 6)
    assert M.duplicate_rate({}) == 0.0


def test_summary():
    assert M.summary([1, 2, 3, 10]) == {"count": 4, "mean": 4.0, "median": 2.5, "p90": pytest.approx(7.9),
                                        "min": 1, "max": 10}
    assert M.summary([])["median"] is None
