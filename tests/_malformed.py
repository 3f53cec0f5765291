"""Malformed task files shared by test_data.py and test_cli.py: (case id, files, file to load,
fragment the one-line error must contain). Files map a name to a JSON value or raw text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOOD = [[1, 2], [3, 4]]


def task_with(grid: Any = GOOD, output: Any = GOOD, **overrides: Any) -> dict:
    task = {"train": [{"input": grid, "output": output}], "test": [{"input": GOOD}]}
    task.update(overrides)
    return task


CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("ragged", {"bad.json": task_with([[1, 2], [3]])}, "bad.json",
     "train[0].input: rows have different lengths (row 0 has 2 cells, row 1 has 1)"),
    ("empty grid", {"bad.json": task_with([])}, "bad.json",
     "train[0].input: expected a non-empty list of rows"),
    ("empty row", {"bad.json": task_with([[]])}, "bad.json", "row 0 is not a non-empty list"),
    ("too tall", {"bad.json": task_with([[0]] * 31)}, "bad.json", "shape 31x1 exceeds 30x30"),
    ("too wide", {"bad.json": task_with(output=[[0] * 31])}, "bad.json",
     "train[0].output: shape 1x31 exceeds 30x30"),
    ("value 10", {"bad.json": task_with([[1, 10]])}, "bad.json",
     "row 0 has 10; cells must be integers 0..9"),
    ("negative", {"bad.json": task_with([[0], [-1]])}, "bad.json", "row 1 has -1"),
    ("float", {"bad.json": task_with([[1.0, 2]])}, "bad.json", "row 0 has 1.0"),
    ("bool", {"bad.json": task_with([[True, 2]])}, "bad.json", "row 0 has True"),
    ("string cell", {"bad.json": task_with([["1"]])}, "bad.json", "row 0 has '1'"),
    ("bad json", {"bad.json": '{"train": [,'}, "bad.json", "invalid JSON (Expecting value at line 1"),
    ("empty file", {"bad.json": ""}, "bad.json", "invalid JSON"),
    # A JSON object without both keys is read as a Kaggle file mapping task ids to tasks.
    ("missing train", {"x_challenges.json": {"bad": {"test": [{"input": GOOD}]}}},
     "x_challenges.json", "task bad: missing 'train'"),
    ("missing test", {"x_challenges.json": {"bad": {"train": [{"input": GOOD, "output": GOOD}]}}},
     "x_challenges.json", "task bad: missing 'test'"),
    ("missing output", {"bad.json": task_with(train=[{"input": GOOD}])}, "bad.json",
     "train[0]: missing 'output'"),
    ("null output", {"bad.json": task_with(output=None)}, "bad.json", "train[0]: missing 'output'"),
    ("no train pairs", {"bad.json": task_with(train=[])}, "bad.json",
     "train: expected a non-empty list of pairs"),
    ("pair without input", {"bad.json": task_with(test=[{"output": GOOD}])}, "bad.json",
     "test[0]: expected an object with an 'input' grid"),
    ("not a mapping", {"x_challenges.json": [1, 2]}, "x_challenges.json",
     "expected an object mapping task ids to tasks"),
    ("no tasks", {"x_challenges.json": {}}, "x_challenges.json", "no tasks in this file"),
    ("solution count mismatch",
     {"x_challenges.json": {"bad": task_with()}, "x_solutions.json": {"bad": [GOOD, GOOD]}},
     "x_challenges.json", "x_solutions.json: task bad: expected 1 solution grids, got 2"),
    ("bad solution grid",
     {"x_challenges.json": {"bad": task_with()}, "x_solutions.json": {"bad": [[[1, 10]]]}},
     "x_challenges.json", "x_solutions.json: task bad: solution 0: row 0 has 10"),
    ("missing file", {}, "nothing.json", "no such file or folder"),
]


def write_case(folder: Path, files: dict[str, Any]) -> None:
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (folder / name).write_text(text)
