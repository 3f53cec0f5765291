"""Verification, voting, results.jsonl/submission.json, resuming, and `omni verify`."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from omni_arc.augment import Augmentation
from omni_arc.cli import app
from omni_arc.data import Pair, Task
from omni_arc.sandbox import ExecResult, Executor
from omni_arc.verify import Verifier, judge, vote


def g(rows):
    return np.array(rows, dtype=np.int8)


# "transpose": train pairs and a test pair with its answer
TRANSPOSE = Task("transp", [Pair(g([[1, 2]]), g([[1], [2]])), Pair(g([[3, 0], [0, 4]]), g([[3, 0], [0, 4]]))],
                 [Pair(g([[5, 6, 7]]), g([[5], [6], [7]]))])
# "add one": two test inputs
ADD_ONE = Task("addone", [Pair(g([[1]]), g([[2]])), Pair(g([[2, 3]]), g([[3, 4]]))],
               [Pair(g([[4]]), g([[5]])), Pair(g([[0, 0]]), g([[1, 1]]))])
TASKS = {"transp": TRANSPOSE, "addone": ADD_ONE}

TRANSPOSE_OK = "def task(grid):\n    return grid.T"
ADD_OK = "def task(grid):\n    return grid + 1"


@pytest.fixture(scope="module")
def executor():
    with Executor(workers=2, timeout_s=1.0) as ex:
        yield ex


def rows_of(out_dir):
    return [json.loads(line) for line in (out_dir / "results.jsonl").read_text().splitlines()]


# --- judge ------------------------------------------------------------------------------------

def _result(outputs, errors=None, status="ok"):
    errors = errors or [None] * len(outputs)
    return ExecResult(status, "", [None if o is None else g(o) for o in outputs], errors)


def test_a_program_reproducing_every_train_output_is_verified():
    v = judge(TRANSPOSE, _result([[[1], [2]], [[3, 0], [0, 4]], [[5], [6], [7]]]))
    assert v["status"] == "verified" and v["train_passed"] == 2 and v["train_total"] == 2
    assert v["test_outputs"][0].tolist() == [[5], [6], [7]]


def test_a_wrong_train_output_names_the_pair():
    v = judge(TRANSPOSE, _result([[[1], [2]], [[3, 0], [0, 5]], [[5, 6, 7]]]))
    assert v["status"] == "wrong_output" and v["train_passed"] == 1
    assert v["detail"] == "train pair 2 of 2: 1 of 4 cells differ"
    v = judge(TRANSPOSE, _result([[[1, 2]], [[3, 0], [0, 4]], [[5, 6, 7]]]))
    assert v["detail"] == "train pair 1 of 2: expected a 2x1 grid, got 1x2"


def test_the_first_failure_in_input_order_decides_and_keeps_the_exception_type_first():
    r = _result([[[1], [2]], None, None], [None, "exception: ZeroDivisionError: division by zero (line 2)",
                                           "timeout: CPU time limit"], status="exception")
    v = judge(TRANSPOSE, r)
    assert v["status"] == "exception"
    assert v["detail"] == "ZeroDivisionError: division by zero (line 2) [train pair 2 of 2]"


def test_a_program_failing_only_on_a_test_input_is_not_verified():
    r = _result([[[1], [2]], [[3, 0], [0, 4]], None], [None, None, "invalid_output: returned str"],
                status="invalid_output")
    v = judge(TRANSPOSE, r)
    assert v["status"] == "invalid_output" and v["train_passed"] == 2
    assert v["detail"] == "returned str [test input 1 of 1]"


# --- voting -----------------------------------------------------------------------------------

def test_vote_ranks_by_count_then_earliest_candidate_per_test_input():
    def row(*outs, status="verified"):
        return {"status": status, "test_outputs": list(outs)}

    rows = [row([[1]], [[7]]), row([[2]], [[8]]), row([[2]], [[7]]), row([[3]], [[9]], status="wrong_output")]
    assert vote(rows, 2) == [{"attempt_1": [[2]], "attempt_2": [[1]]},
                             {"attempt_1": [[7]], "attempt_2": [[8]]}]
    assert vote([row([[4]])], 1) == [{"attempt_1": [[4]], "attempt_2": [[0]]}]


# --- Verifier ---------------------------------------------------------------------------------

def test_verifier_writes_results_and_a_submission_for_every_task(tmp_path, executor):
    cands = [
        {"task_id": "transp", "code": TRANSPOSE_OK, "candidate_id": "a"},
        {"task_id": "transp", "code": "def task(grid):\n    return grid", "candidate_id": "b"},
        {"task_id": "transp", "code": "", "candidate_id": "c", "extra": [1, 2]},
        {"task_id": "addone", "code": "def task(grid):\n    return grid + 2", "candidate_id": "d"},
    ]
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        assert v.add(cands) == []
        summary = v.finish()
    rows = rows_of(tmp_path)
    assert [r["candidate_id"] for r in rows] == ["a", "b", "c", "d"]
    assert [r["status"] for r in rows] == ["verified", "wrong_output", "no_code", "wrong_output"]
    assert rows[0]["test_outputs"] == [[[5], [6], [7]]] and rows[0]["train_passed"] == 2
    assert rows[2]["extra"] == [1, 2] and rows[2]["test_outputs"] is None  # carried through
    assert rows[3]["test_outputs"] is None  # its run stopped at its first wrong train output
    assert all(len(r["program_hash"]) == 32 for r in rows)
    sub = json.loads((tmp_path / "submission.json").read_text())
    assert sub == {"transp": [{"attempt_1": [[5], [6], [7]], "attempt_2": [[0]]}],
                   "addone": [{"attempt_1": [[0]], "attempt_2": [[0]]}] * 2}
    assert summary["statuses"]["verified"] == 1 and summary["tasks_with_verified"] == 1
    assert summary["score"] == 0.5 and summary["tasks_scored"] == 2
    assert json.loads((tmp_path / "summary.json").read_text())["candidates"] == 4


def test_augmented_candidates_run_on_the_augmented_task_and_map_test_outputs_back(tmp_path, executor):
    aug = Augmentation("rotate_270", (0, 2, 1, 3, 4, 5, 6, 7, 9, 8))
    # written for the augmented task: undo the rotation, transpose, rotate again
    code = "def task(grid):\n    return np.rot90(np.rot90(grid, -1).T)"
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add([{"task_id": "transp", "code": code, "augmentation": aug.to_json()},
               {"task_id": "transp", "code": TRANSPOSE_OK, "augmentation": aug.to_json()}])
        v.finish()
    rows = rows_of(tmp_path)
    assert rows[0]["status"] == "verified" and rows[0]["test_outputs"] == [[[5], [6], [7]]]
    assert rows[1]["status"] == "wrong_output"  # the plain program does not fit the augmented task
    assert rows[0]["program_hash"] != rows[1]["program_hash"]


def test_forged_equality_cannot_verify(tmp_path, executor):
    liar = ("class Liar(np.ndarray):\n    def __eq__(self, other):\n        return np.ones(self.shape, bool)\n"
            "def task(grid):\n    return np.zeros((2, 1), dtype=int).view(Liar)")
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add([{"task_id": "transp", "code": liar}])
        v.finish()
    assert rows_of(tmp_path)[0]["status"] == "wrong_output"


def test_a_rerun_resumes_without_redoing_finished_candidates(tmp_path, executor):
    cands = [{"task_id": "addone", "code": ADD_OK}, {"task_id": "addone", "code": ADD_OK},
             {"task_id": "transp", "code": TRANSPOSE_OK, "candidate_id": "x"}]
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add(cands[:2])
        v.wait()
    # an interruption cut the last line short
    text = (tmp_path / "results.jsonl").read_text()
    (tmp_path / "results.jsonl").write_text(text[:-25])
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add(cands)
        summary = v.finish()
    rows = rows_of(tmp_path)
    assert len(rows) == 3 and summary["this_run"]["already_done"] == 1
    assert summary["this_run"]["verified_now"] == 2  # the cut line and the new one
    assert [r["status"] for r in rows] == ["verified"] * 3
    assert rows[0]["candidate_key"] != rows[1]["candidate_key"]  # identical lines are two candidates
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add(cands)
        assert v.finish()["this_run"]["verified_now"] == 0
    assert len(rows_of(tmp_path)) == 3
    assert json.loads((tmp_path / "submission.json").read_text())["addone"][1]["attempt_1"] == [[1, 1]]


def test_malformed_candidates_are_reported_and_skipped(tmp_path, executor):
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        problems = v.add([{"code": "x"}, {"task_id": "nope", "code": "x"}, {"task_id": "transp"},
                          {"task_id": "transp", "code": "x", "augmentation": {"transform": "spin"}},
                          {"task_id": "transp", "code": TRANSPOSE_OK}])
        v.finish()
    assert [i for i, _ in problems] == [0, 1, 2, 3]
    assert "task_id" in problems[0][1] and "'nope'" in problems[1][1] and "code" in problems[2][1]
    assert "augmentation" in problems[3][1]
    assert len(rows_of(tmp_path)) == 1


# --- the CLI ----------------------------------------------------------------------------------

def test_omni_verify_reports_bad_lines_and_resumes(tmp_path):
    data = tmp_path / "tasks"
    data.mkdir()
    for tid, task in TASKS.items():
        (data / f"{tid}.json").write_text(json.dumps(task.to_json()))
    cands = tmp_path / "candidates.jsonl"
    cands.write_text("\n".join([
        json.dumps({"task_id": "transp", "code": TRANSPOSE_OK}),
        "{not json",
        json.dumps({"task_id": "unknown", "code": TRANSPOSE_OK}),
        "",
        json.dumps({"task_id": "addone", "code": ADD_OK, "candidate_id": "q"}),
    ]) + "\n")
    out = tmp_path / "run"
    args = ["verify", "--dataset", str(data), "--candidates", str(cands), "--output-dir", str(out), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{cands}:2: invalid JSON" in result.output
    assert f"{cands}:3: task_id 'unknown'" in result.output
    assert "verified" in result.output
    assert [r["status"] for r in rows_of(out)] == ["verified", "verified"]
    sub = json.loads((out / "submission.json").read_text())
    assert sub["addone"] == [{"attempt_1": [[5]], "attempt_2": [[0]]}, {"attempt_1": [[1, 1]], "attempt_2": [[0]]}]
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and len(rows_of(out)) == 2


def test_omni_verify_names_a_missing_candidates_file(tmp_path):
    result = CliRunner().invoke(app, ["verify", "--dataset", "arc-agi-1/training", "--candidates",
                                      str(tmp_path / "none.jsonl"), "--output-dir", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "none.jsonl: file not found" in str(result.exception)


# --- hostile input lines: per-line errors, never a crash -----------------------------------------

def _dataset_dir(tmp_path):
    data = tmp_path / "tasks"
    data.mkdir(exist_ok=True)
    for tid, task in TASKS.items():
        (data / f"{tid}.json").write_text(json.dumps(task.to_json()))
    return data


def test_nesting_huge_numbers_and_lone_surrogates_are_per_line_errors(tmp_path):
    cands = tmp_path / "candidates.jsonl"
    lines = [
        "[" * 5000 + "]" * 5000,  # RecursionError in the JSON parser
        '{"task_id": "addone", "code": "x", "n": ' + "7" * 5000 + "}",  # ValueError: too many digits
        json.dumps({"task_id": "addone", "code": ADD_OK, "extra": "[" * 3000 + "]" * 3000}),
        '{"task_id": "addone", "code": "x", "deep": ' + "[" * 900 + "]" * 900 + "}",  # parses; refused
        '{"task_id": "addone", "code": "def task(grid):\\n    return grid + 1  # \\ud800"}',  # lone surrogate
        json.dumps({"task_id": "addone", "code": "x = " + "[" * 1000 + "]" * 1000}),  # too nested for Python
        json.dumps({"task_id": "transp", "code": TRANSPOSE_OK}),
    ]
    cands.write_text("\n".join(lines) + "\n")
    out = tmp_path / "run"
    args = ["verify", "--dataset", str(_dataset_dir(tmp_path)), "--candidates", str(cands), "--output-dir",
            str(out), "--workers", "1"]
    for _ in range(2):  # and again: a re-run does not crash on the same lines either
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert f"{cands}:1: invalid JSON (nested too deeply)" in result.output
        assert f"{cands}:2: invalid JSON" in result.output
        assert f"{cands}:4: lists or objects nested more than 64 levels deep" in result.output
    # lines 3 and 5-7 are verified once each; Python cannot compile the lone surrogate or the nesting
    assert [(r["task_id"], r["status"]) for r in rows_of(out)] == [
        ("addone", "verified"), ("addone", "syntax_error"), ("addone", "syntax_error"), ("transp", "verified")]


def test_a_source_over_the_size_cap_is_skipped_before_any_parsing(tmp_path, executor, monkeypatch):
    import ast

    parsed = []
    real_parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda src, *a, **k: parsed.append(len(src)) or real_parse(src, *a, **k))
    big = ADD_OK + "\n" + "#" * 70_000
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        problems = v.add([{"task_id": "addone", "code": big}])
        v.finish()
    assert problems and "more than the limit of 65536" in problems[0][1]
    assert parsed == [] and not rows_of(tmp_path)
    with Verifier(TASKS, tmp_path / "wider", progress=False, executor=executor, max_source_bytes=100_000) as v:
        assert v.add([{"task_id": "addone", "code": big}]) == []
        v.finish()
    assert [r["status"] for r in rows_of(tmp_path / "wider")] == ["verified"]


def test_the_parent_parses_each_source_once(tmp_path, executor, monkeypatch):
    import ast

    parsed = []
    real_parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda src, *a, **k: parsed.append(src) or real_parse(src, *a, **k))
    code = "def task(grid):\n    return grid + 0 * 12345"
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add([{"task_id": "addone", "code": code}, {"task_id": "transp", "code": code},
               {"task_id": "addone", "code": code, "candidate_id": "again"}])
        v.finish()
    assert parsed.count(code) == 1 and len(rows_of(tmp_path)) == 3


def test_the_size_cap_option_is_checked():
    result = CliRunner().invoke(app, ["verify", "--dataset", "arc-agi-1/training", "--candidates", __file__,
                                      "--output-dir", "o", "--max-source-bytes", "0"])
    assert result.exit_code != 0 and "--max-source-bytes" in str(result.exception)


# --- de-duplication never changes a verdict ---------------------------------------------------

# Same AST, different layout: the program reads its own line number.
LINENO_RIGHT = "import sys\ndef task(grid):\n    return grid + (1 if sys._getframe().f_lineno == 3 else 0)"
LINENO_WRONG = "import sys\n\ndef task(grid):\n    return grid + (1 if sys._getframe().f_lineno == 3 else 0)"


@pytest.mark.parametrize("order", [(LINENO_RIGHT, LINENO_WRONG), (LINENO_WRONG, LINENO_RIGHT)])
def test_programs_with_equal_asts_keep_their_own_verdicts(tmp_path, executor, order):
    import ast

    assert ast.dump(ast.parse(LINENO_RIGHT)) == ast.dump(ast.parse(LINENO_WRONG))
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add([{"task_id": "addone", "code": code} for code in order])
        v.finish()
    status = {r["code"]: r["status"] for r in rows_of(tmp_path)}
    assert status == {LINENO_RIGHT: "verified", LINENO_WRONG: "wrong_output"}


def test_text_equal_to_the_ast_dump_of_a_correct_program_is_not_verified(tmp_path, executor):
    import ast

    dump = "  " + ast.dump(ast.parse(ADD_OK))  # not Python (indented), equal to the dump once stripped
    with Verifier(TASKS, tmp_path, progress=False, executor=executor) as v:
        v.add([{"task_id": "addone", "code": ADD_OK}, {"task_id": "addone", "code": dump}])
        v.finish()
    rows = rows_of(tmp_path)
    assert [r["status"] for r in rows] == ["verified", "syntax_error"]
    assert rows[0]["program_hash"] != rows[1]["program_hash"]


# --- ensembles: several candidate files, one vote -----------------------------------------------

def test_omni_verify_pools_several_files_and_records_the_sources_of_each_attempt(tmp_path):
    model = tmp_path / "model.jsonl"
    model.write_text(json.dumps({"task_id": "addone", "code": ADD_OK, "candidate_id": "addone:0"}) + "\n"
                     + json.dumps({"task_id": "transp", "code": "def task(grid):\n    return grid",
                                   "candidate_id": "transp:0"}) + "\n")
    library = tmp_path / "library.jsonl"
    library.write_text("".join(json.dumps(c) + "\n" for c in [
        {"task_id": "addone", "code": ADD_OK, "candidate_id": "addone:0", "source": "library"},
        {"task_id": "transp", "code": TRANSPOSE_OK, "candidate_id": "transp:0", "source": "library"},
        {"task_id": "transp", "code": TRANSPOSE_OK, "source": 3},
    ]))
    out = tmp_path / "run"
    args = ["verify", "--dataset", str(_dataset_dir(tmp_path)), "--candidates", str(model),
            "--candidates", str(library), "--output-dir", str(out), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{library}:3: field 'source'" in result.output
    rows = rows_of(out)
    # the same candidate_id in two files is two candidates; a missing source is "model"
    assert [(r["task_id"], r["source"], r["status"]) for r in rows] == [
        ("addone", "model", "verified"), ("transp", "model", "wrong_output"),
        ("addone", "library", "verified"), ("transp", "library", "verified")]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["this_run"]["executed"] == 3  # ADD_OK on addone ran once for both sources
    assert summary["sources"] == {"library": {"candidates": 2, "verified": 2},
                                  "model": {"candidates": 2, "verified": 1}}
    assert summary["attempt_sources"]["addone"] == [{"attempt_1": {"model": 1, "library": 1}, "attempt_2": None}] * 2
    assert summary["attempt_sources"]["transp"] == [{"attempt_1": {"library": 1}, "attempt_2": None}]
    sub = json.loads((out / "submission.json").read_text())
    assert sub["transp"] == [{"attempt_1": [[5], [6], [7]], "attempt_2": [[0]]}]
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and len(rows_of(out)) == 4


def test_judge_outputs_is_the_one_judge_of_a_run_on_pairs():
    from omni_arc.verify import judge_outputs

    want = [g([[1, 2]]), g([[3]]), g([[4]]), None, None]
    outs = [g([[1, 2]]), g([[3, 3]]), None, g([[7]]), np.full((1, 1), 12)]
    verdicts = judge_outputs(want, outs, [None, None, "timeout: 1 s", None, None])
    assert verdicts[:4] == [None, ("wrong_output", "expected a 1x1 grid, got 1x2"), ("timeout", "1 s"), None]
    assert verdicts[4][0] == "invalid_output"


def test_tasks_restricts_the_run_and_its_submission_to_those_tasks(tmp_path):
    cands = tmp_path / "candidates.jsonl"
    cands.write_text(json.dumps({"task_id": "addone", "code": ADD_OK}) + "\n"
                     + json.dumps({"task_id": "transp", "code": TRANSPOSE_OK}) + "\n")
    out = tmp_path / "run"
    data = str(_dataset_dir(tmp_path))
    result = CliRunner().invoke(app, ["verify", "-d", data, "--candidates", str(cands), "-o", str(out),
                                      "--workers", "1", "--tasks", "transp"])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads((out / "submission.json").read_text())) == ["transp"]
    assert [(r["task_id"], r["status"]) for r in rows_of(out)] == [("transp", "verified")]
    assert f"{cands}:1: " in result.output  # the other task's line is reported and skipped
    result = CliRunner().invoke(app, ["verify", "-d", data, "--candidates", str(cands), "-o", str(out / "x"),
                                      "--tasks", "transp,nope"])
    assert result.exit_code != 0 and "--tasks: nope is not a task of" in str(result.exception)
