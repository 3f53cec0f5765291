"""The solution library: every solution verifies, ids are training-only, solutions are distinct and standalone;
plus the verification/statistics logic and the `omni library` / `omni dsl` commands."""
import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from omni_arc.cli import app
from omni_arc.data import Pair, Task, load_dataset
from omni_arc.libcheck import (
    check_solution, in_process_runner, library_stats, primitive_uses, sandbox_available, sandbox_runner,
    verify_library,
)
from omni_arc.library import LIBRARY_DIR, Solution, library_ids, load_library
from omni_arc.program import compile_task, normalized

runner = CliRunner()


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_every_solution_and_generator_verifies():
    results = verify_library()  # in the sandbox when it is available, as `omni library verify` does
    failures = {r.task_id: r.problems for r in results if not r.ok}
    assert failures == {}
    assert all(r.train_total > 0 and r.test_total > 0 for r in results)
    assert all(r.generator_samples == 20 for r in results if r.has_generator)


HELD_OUT = ("arc-agi-1/evaluation", "arc-agi-1-2019/evaluation", "arc-agi-2/evaluation")


def test_library_ids_are_training_ids_and_never_evaluation_ids():
    ids = set(library_ids())
    assert ids - set(load_dataset("arc-agi-1/training")) == set()
    for held_out in HELD_OUT:
        assert ids & set(load_dataset(held_out)) == set(), held_out


def _unsolved_ids() -> list[str]:
    return re.findall(r"^- ([0-9a-f]{8}):", (LIBRARY_DIR / "UNSOLVED.md").read_text(), flags=re.M)


def test_library_covers_every_training_task_not_listed_as_unsolved():
    unsolved, ids, training = _unsolved_ids(), set(library_ids()), set(load_dataset("arc-agi-1/training"))
    assert len(unsolved) == len(set(unsolved)), "a task is listed twice in UNSOLVED.md"
    assert set(unsolved) - training == set(), "UNSOLVED.md lists tasks that are not training tasks"
    assert ids & set(unsolved) == set(), "solved tasks are still listed in UNSOLVED.md"
    assert training - ids - set(unsolved) == set()


# ARC-AGI-1 itself has a few training tasks with exactly the same rule. Their solutions are
# allowed to be the same program, and only these: any other duplicate is a copy-paste mistake.
SAME_RULE = [
    {"3c9b0459", "6150a2bd"},  # rotate by 180 degrees
    {"3af2c5a8", "62c24649", "67e8384a"},  # mirror the grid right, then down
    {"0dfd9992", "29ec7d0e", "484b58aa"},  # fill the holes of a periodic pattern
    {"74dd1130", "9dfd6313"},  # transpose
    {"46442a0e", "7fe24cdd"},  # the grid and its three rotations as a 2x2 block
    {"1f85a75f", "be94b721"},  # crop the largest shape
]


def test_no_two_solutions_are_identical(library):
    seen = {}
    for tid, sol in library.items():
        key = normalized(sol.source)
        if key in seen:
            assert any({tid, seen[key]} <= group for group in SAME_RULE), f"{tid} duplicates {seen[key]}"
        seen[key] = tid


def test_same_rule_pairs_are_really_identical_programs(library):
    for group in SAME_RULE:
        assert group <= set(library), f"{sorted(group - set(library))} have no solution"
        programs = {normalized(library[tid].source) for tid in group}
        assert len(programs) == 1, f"{sorted(group)} are listed as one rule but differ"


def test_each_task_source_runs_standalone(library):
    for tid, sol in library.items():
        assert sol.source.startswith("def task(grid"), tid
        assert callable(compile_task(sol.source)), tid


# ------------------------------------------------------------ the checker catches bad solutions

def _solution(tmp_path: Path, body: str, generator: str = "", doc: str = '"""Doc."""') -> Solution:
    path = tmp_path / "00000000.py"
    path.write_text(f"{doc}\nfrom omni_arc.dsl import *\nimport numpy as np\n\n{body}\n{generator}")
    ns: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    from omni_arc.program import function_source

    return Solution("00000000", path, function_source(path.read_text()), ns["task"], ns.get("generate_input"))


TINY = Task("00000000", train=[Pair(np.array([[1, 2]]), np.array([[2, 1]]))],
            test=[Pair(np.array([[3, 0]]), np.array([[0, 3]]))])


def test_checker_accepts_a_correct_solution(tmp_path):
    sol = _solution(tmp_path, "def task(grid):\n    return flip_left_right(grid)\n",
                    "def generate_input(rng):\n    return rng.integers(0, 10, size=(2, 3))\n")
    res = check_solution(sol, TINY)
    assert res.ok, res.problems
    assert (res.train_passed, res.test_passed, res.generator_samples) == (1, 1, 20)


@pytest.fixture(scope="module", params=["in_process", "sandbox"])
def runner_kind(request):
    if request.param == "in_process":
        yield in_process_runner(0.5)
        return
    if not sandbox_available():
        pytest.skip("omni_arc.sandbox is not available")
    from omni_arc.sandbox import Executor

    with Executor(workers=1, timeout_s=0.5) as ex:
        yield sandbox_runner(ex)


@pytest.mark.parametrize("body, expected", [
    ("def task(grid):\n    return grid\n", r"train\[0\]: wrong output"),
    ("def task(grid):\n    return 1 / 0\n", "ZeroDivisionError"),
    ("def task(grid):\n    return grid + 20\n", "invalid[ _]output"),
    ("def task(grid):\n    while True:\n        pass\n", "time"),
    ("def helper(g):\n    return g\n\ndef task(grid):\n    return helper(grid)\n", "NameError"),
])
def test_checker_reports_failures(tmp_path, runner_kind, body, expected):
    res = check_solution(_solution(tmp_path, body), TINY, timeout_s=0.5, runner=runner_kind)
    assert not res.ok
    assert any(re.search(expected, p) for p in res.problems), res.problems


def test_checker_accepts_a_correct_solution_in_either_runner(tmp_path, runner_kind):
    sol = _solution(tmp_path, "def task(grid):\n    return rotate(grid, 2)\n",
                    "def generate_input(rng):\n    return rng.integers(0, 10, size=(1, 3))\n")
    res = check_solution(sol, TINY, runner=runner_kind)
    assert res.ok, res.problems
    assert res.generator_samples == 20


@pytest.mark.parametrize("generator, expected", [
    ("def generate_input(rng):\n    return np.zeros((2, 2), int)\n", "all 20 inputs are identical"),
    ("def generate_input(rng):\n    return np.full((2, 2), 11)\n", "invalid input grid"),
    ("def generate_input(rng):\n    return rng.integers(0, 10, size=(1, 40))\n", "exceeds 30x30"),
    ("def generate_input(rng):\n    raise RuntimeError('boom')\n", "RuntimeError: boom"),
])
def test_checker_reports_bad_generators(tmp_path, generator, expected):
    sol = _solution(tmp_path, "def task(grid):\n    return flip_left_right(grid)\n", generator)
    res = check_solution(sol, TINY)
    assert not res.ok
    assert any(expected in p for p in res.problems), res.problems


def test_checker_requires_a_one_line_docstring_and_a_training_task(tmp_path):
    sol = _solution(tmp_path, "def task(grid):\n    return flip_left_right(grid)\n", doc="")
    assert any("docstring" in p for p in check_solution(sol, TINY).problems)
    res = check_solution(_solution(tmp_path, "def task(grid):\n    return grid\n"), None)
    assert any("not an ARC-AGI-1 training task" in p for p in res.problems)


def test_primitive_uses_counts_dsl_names_only():
    uses = primitive_uses("def task(grid):\n    x = rotate(grid)\n    return np.flip(rotate(x))\n")
    assert uses == {"rotate": 2}


def test_stats_summarise_lengths_and_usage(library):
    st = library_stats(tokens=False)
    assert st["tasks"] == len(library)
    assert st["lines"]["min"] >= 2
    assert st["tokens"] is None
    assert sum(st["primitive_uses"].values()) > 0
    assert set(st["primitive_uses"]) | set(st["unused_primitives"]) >= {"rotate", "find_objects"}


# ------------------------------------------------------------ commands

def test_verify_command_json_for_one_task():
    tid = library_ids()[0]
    result = runner.invoke(app, ["library", "verify", "--tasks", tid, "--json", "--samples", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["passed"] == 1 and data["results"][0]["task_id"] == tid


def test_verify_command_rejects_an_unknown_task():
    result = runner.invoke(app, ["library", "verify", "--tasks", "ffffffff"])
    assert result.exit_code != 0
    assert "ffffffff" in str(result.exception)


def test_stats_and_show_commands_run():
    result = runner.invoke(app, ["library", "stats", "--json", "--no-tokens"])
    assert result.exit_code == 0 and json.loads(result.stdout)["tasks"] == len(library_ids())
    tid = library_ids()[0]
    result = runner.invoke(app, ["library", "show", tid])
    assert result.exit_code == 0 and "def task" in result.stdout


def test_dsl_reference_command(tmp_path):
    import omni_arc.dsl as dsl

    result = runner.invoke(app, ["dsl", "reference"])
    assert result.exit_code == 0
    out = tmp_path / "dsl.md"
    assert runner.invoke(app, ["dsl", "reference", "--markdown", "--output-file", str(out)]).exit_code == 0
    text = out.read_text()
    for name in dsl.__all__:
        assert f"`{name}" in text or f"`class {name}" in text, name
        assert name in result.stdout, name
