"""`omni evaluate` on small synthetic run directories: every report number by hand, the files,
the comparison, and one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_omni
from omni_arc.errors import UserError
from omni_arc.evaluate import compare, evaluate_run
from omni_arc.evaluate.tokens import TokenCounter, whitespace_counter
from omni_arc.verify import vote

# Dataset: "a" has two test inputs, "b" and "c" one, "d" is never sampled.
TASKS = {
    "a": {"train": [{"input": [[1]], "output": [[2]]}],
          "test": [{"input": [[1]], "output": [[2]]}, {"input": [[3]], "output": [[4]]}]},
    "b": {"train": [{"input": [[5]], "output": [[5]]}], "test": [{"input": [[6]], "output": [[6]]}]},
    "c": {"train": [{"input": [[0]], "output": [[1]]}], "test": [{"input": [[0]], "output": [[1]]}]},
    "d": {"train": [{"input": [[0]], "output": [[0]]}], "test": [{"input": [[2]], "output": [[2]]}]},
}
X, Y = [[[2]], [[4]]], [[[2]], [[5]]]
IDENT = "def task(grid):\n    return grid"


def row(task_id, status, outs=None, code="def task(grid):\n    return grid + {n}", h=None, detail="", **extra):
    return {"task_id": task_id, "code": code, "status": status, "detail": detail, "train_passed": 1,
            "train_total": 1, "test_outputs": outs, "program_hash": h, **extra}


RESULTS = [
    row("a", "verified", X, code="def task(grid):\n    return grid + 1", h="h1"),
    row("a", "verified", Y, code="def task(grid):\n    return grid * 2", h="h2"),
    row("a", "exception", None, code="def task(grid):\n    return 1 / 0", h="h3",
        detail="ZeroDivisionError: division by zero"),
    row("a", "verified", X, code="def task(grid):\n    return grid + 1  # again", h="h1"),
    row("b", "wrong_output", [[[6]]], code="def task(grid):\n    return grid + 0", h="h4"),  # right on test
    row("b", "syntax_error", None, code="def task(", h="h5", detail="SyntaxError: '(' was never closed"),
    row("b", "timeout", None, code="def task(grid):\n    while True: pass", h="h6"),
    row("b", "no_code", None, code="", h=None, detail="no code found in the response"),
    row("c", "exception", None, code=IDENT, h="h7", detail="ValueError: bad"),   # same code, other
    row("c", "verified", [[[7]]], code=IDENT, h="h8", augmentation={"transform": "rotate_270"}),  # augmentation
]
SUBMISSION = {
    "a": [{"attempt_1": [[2]], "attempt_2": [[0]]}, {"attempt_1": [[9]], "attempt_2": []}],  # 1/2
    "b": [{"attempt_1": [[0]], "attempt_2": [[6]]}],  # 1
}  # "c" missing: 0
META = {"model": "toy", "dataset": None, "timings": {"generation_s": 3.0, "verification_s": 1.0, "total_s": 4.5},
        "tokens_per_s": 120.0, "programs_per_s": 2.5}


def write_dataset(folder: Path, tasks: dict[str, dict]) -> Path:
    """A dataset folder with one ``<task id>.json`` file per task."""
    folder.mkdir()
    for tid, raw in tasks.items():
        (folder / f"{tid}.json").write_text(json.dumps(raw))
    return folder


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data", TASKS)


def write_run(path: Path, results=RESULTS, submission=SUBMISSION, meta=META, dataset: Path | None = None) -> Path:
    path.mkdir(parents=True)
    (path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    (path / "submission.json").write_text(json.dumps(submission))
    if meta is not None:
        (path / "run.json").write_text(json.dumps({**meta, "dataset": str(dataset) if dataset else None}))
    return path


WS = whitespace_counter("tests")


def test_every_number_of_a_small_run_by_hand(tmp_path, dataset):
    run = write_run(tmp_path / "run", dataset=dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report

    assert r["dataset"] == str(dataset) and r["model"] == "toy"
    assert (r["n_tasks"], r["n_samples"]) == (3, 10)           # the run's tasks: a, b, c
    assert r["score"] == {"arc_prize": pytest.approx(0.5), "tasks_solved": 1, "tasks_with_submission": 2}
    assert r["verification"] == {"tasks_with_verified": 2, "verified_programs": 4, "verified_correct": 2,
                                 "precision": 0.5}
    assert r["oracle"] == {"tasks": 2, "fraction": pytest.approx(2 / 3)}

    s = r["scaling"]
    # (n, c) per task: a (4, 2), b (4, 1), c (2, 0); verified-correct: a 2, b 0, c 0.
    assert s["k"] == [1, 2, 3, 4]
    assert s["pass_at_k"] == pytest.approx([0.75 / 3, (5 / 6 + 1 / 2) / 3, 1.75 / 3, 2 / 3])
    assert s["verified_pass_at_k"] == pytest.approx([0.5 / 3, (5 / 6) / 3, 1 / 3, 1 / 3])
    # vote@k: only "a" ever scores (b has no verified sample, c's is wrong); see test_evaluate_metrics.
    assert s["vote_k"] == [1, 2, 3, 4]
    assert s["vote_at_k"] == pytest.approx([2.5 / 4 / 3, 5.5 / 6 / 3, 1 / 3, 1 / 3])
    assert s["vote_all_matches_submission"] is False  # SUBMISSION was written by hand, not voted

    assert r["failures"]["overall"] == {
        "no_code": 1, "syntax_error": 1, "no_task_function": 0, "exception": 2, "timeout": 1, "memory": 0,
        "blocked_syscall": 0, "invalid_output": 0, "wrong_output": 1, "verified": 4}
    assert r["failures"]["exceptions"] == {"ValueError": 1, "ZeroDivisionError": 1}
    # 9 programs with code; "a" repeats h1 once; "c" repeats its code under another augmentation.
    assert r["duplicates"] == {"rate_program_hash": pytest.approx(1 / 9), "rate_code": pytest.approx(2 / 9),
                               "programs": 9}

    tasks = {t["task_id"]: t for t in r["tasks"]}
    assert tasks["a"] == {"task_id": "a", "n_test": 2, "samples": 4, "verified": 3, "correct": 2,
                          "verified_correct": 2, "score": 0.5, "distinct_programs": 3,
                          "statuses": {"exception": 1, "verified": 3}, "top_failure": "exception",
                          "sources": ["model"], "chosen": 0}
    assert tasks["b"]["statuses"] == {"no_code": 1, "syntax_error": 1, "timeout": 1, "wrong_output": 1}
    assert tasks["b"]["chosen"] == 0 and tasks["c"]["chosen"] == 1 and tasks["c"]["score"] == 0.0

    tok = r["tokens"]
    assert tok["counter"] == "whitespace-split (tests)"
    assert tok["grids"]["count"] == 4 and tok["grids"]["median"] == 4  # "shape: 1x1\n1 2": 4 words
    assert tok["programs"]["count"] == 9
    assert tok["values"]["programs"][0] == 6  # "def", "task(grid):", "return", "grid", "+", "1"
    assert r["headline"] == {
        "arc_prize_score": pytest.approx(0.5), "tasks_solved": 1, "n_tasks": 3, "tasks_with_verified": 2,
        "verification_precision": 0.5, "oracle": pytest.approx(2 / 3), "pass_at_1": pytest.approx(0.25),
        "pass_at_n": pytest.approx(2 / 3), "vote_at_1": pytest.approx(2.5 / 12), "vote_at_n": pytest.approx(1 / 3),
        "samples": 10, "max_samples_per_task": 4, "duplicate_rate": pytest.approx(1 / 9),
        "median_program_tokens": 6, "wall_s": 4.5, "programs_per_s": 2.5}  # word counts 2,4,4,5,6,6,6,6,8
    assert r["throughput"] == {"generation_s": 3.0, "verification_s": 1.0, "wall_s": 4.5,
                               "tokens_per_s": 120.0, "programs_per_s": 2.5}


def test_scope_dataset_scores_every_task_and_unsampled_ones_count_zero(tmp_path, dataset):
    run = write_run(tmp_path / "run", dataset=dataset)
    r = evaluate_run(run, scope="dataset", counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["n_tasks"] == 4
    assert r["score"]["arc_prize"] == pytest.approx(1.5 / 4)
    assert r["scaling"]["pass_at_k"][-1] == pytest.approx(2 / 4)
    assert r["oracle"]["fraction"] == pytest.approx(2 / 4)


def test_tasks_only_in_the_submission_are_scored_but_attempts_no_sample_produced_score_0(tmp_path, dataset):
    results = [row("a", "verified", Y, h="y"), row("a", "verified", X, h="x"), row("a", "verified", Y, h="y")]
    submission = {"a": [{"attempt_1": [[2]], "attempt_2": [[2]]}, {"attempt_1": [[5]], "attempt_2": [[4]]}],
                  "d": [{"attempt_1": [[2]], "attempt_2": [[0]]}]}
    run = write_run(tmp_path / "run", results, submission, dataset=dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    # "d" is scored (it is in the submission) but no sample predicted its right [[2]]: 0.
    assert r["n_tasks"] == 2 and r["score"]["arc_prize"] == 0.5 and r["score"]["tasks_solved"] == 1
    assert r["scaling"]["vote_at_k"][-1] == pytest.approx(0.5)
    assert r["scaling"]["vote_all_matches_submission"] is True


# "z": its true test output is the [[0]] placeholder `omni verify` writes when it has no attempt;
# "m": two test inputs.
PLACEHOLDER_TASKS = {
    "z": {"train": [{"input": [[1]], "output": [[0]]}], "test": [{"input": [[3]], "output": [[0]]}]},
    "m": {"train": [{"input": [[1]], "output": [[1]]}],
          "test": [{"input": [[0]], "output": [[0]]}, {"input": [[2]], "output": [[2]]}]},
}


@pytest.fixture
def placeholder_dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "pdata", PLACEHOLDER_TASKS)


def test_a_task_without_candidates_scores_0_although_the_placeholder_equals_its_output(tmp_path, placeholder_dataset):
    results = [row("m", "exception", None, h="e")]  # "z" has no candidate at all
    submission = {"z": vote([], 1), "m": vote(results, 2)}  # what `omni verify` writes: [[0]] everywhere
    assert submission["z"] == [{"attempt_1": [[0]], "attempt_2": [[0]]}]
    run = write_run(tmp_path / "run", results, submission, dataset=placeholder_dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["score"] == {"arc_prize": 0.0, "tasks_solved": 0, "tasks_with_submission": 2}
    assert {t["task_id"]: t["score"] for t in r["tasks"]} == {"m": 0.0, "z": 0.0}
    assert r["scaling"]["vote_at_k"] == [0.0]  # voting k samples credits no placeholder either
    assert r["sources"]["model"]["tasks_solved"] == 0


def test_a_test_input_without_attempts_scores_0(tmp_path, placeholder_dataset):
    # The one verified sample gives an output for the second test input only; the first test input's
    # truth is [[0]], which the placeholder attempt happens to equal.
    results = [row("m", "verified", [None, [[2]]], h="v")]
    submission = {"m": vote(results, 2)}
    assert submission["m"][0] == {"attempt_1": [[0]], "attempt_2": [[0]]}
    run = write_run(tmp_path / "run", results, submission, dataset=placeholder_dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["score"]["arc_prize"] == 0.5 and r["score"]["tasks_solved"] == 0
    assert r["scaling"]["vote_at_k"] == [0.5] and r["scaling"]["vote_all_matches_submission"] is True


def test_sources_each_alone_solved_verified_but_wrong_and_only(tmp_path, dataset):
    results = [
        row("a", "verified", X, h="m1"),                                 # model solves a
        row("a", "verified", X, h="l1", source="library"),              # library solves a too
        row("b", "verified", [[[6]]], h="l2", source="library"),        # only the library solves b
        row("b", "verified", [[[9]]], h="m2"),                          # the model is verified but wrong on b
        row("c", "verified", [[[9]]], h="s1", source="search"),         # search: verified but wrong
        row("c", "exception", None, h="m3"),
    ]
    submission = {t: vote([r for r in results if r["task_id"] == t], len(TASKS[t]["test"])) for t in "abc"}
    run = write_run(tmp_path / "run", results, submission, dataset=dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    src = r["sources"]
    assert list(src) == ["model", "library", "search"]
    assert src["model"] == {"samples": 3, "tasks_with_samples": 3, "score": pytest.approx(1 / 3), "tasks_solved": 1,
                            "tasks_with_verified": 2, "verified_but_wrong": 1, "precision": 0.5,
                            "solved_only_by_this": []}
    assert src["library"] == {"samples": 2, "tasks_with_samples": 2, "score": pytest.approx(2 / 3),
                              "tasks_solved": 2, "tasks_with_verified": 2, "verified_but_wrong": 0,
                              "precision": 1.0, "solved_only_by_this": ["b"]}
    assert (src["search"]["tasks_solved"], src["search"]["verified_but_wrong"], src["search"]["precision"]) == (0, 1, 0)
    md = (run / "report.md").read_text()
    assert "| library | 2 | 2 | 2 | 0 | 100.0% | 66.7% | 1 |" in md and "Solved only by library: b." in md

    other = write_run(tmp_path / "other", results[:2], dataset=dataset)
    header, rows, _ = compare([evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False),
                               evaluate_run(other, counter=WS, plots=False, html_tasks=0, show_progress=False)],
                              plots=False)
    assert ["library: tasks solved", "2", "1"] in rows and ["search: tasks solved", "0", "–"] in rows


def test_a_run_made_on_a_different_dataset_is_refused_unless_the_dataset_is_explicit(tmp_path, dataset):
    from omni_arc.data import dataset_hash, load_dataset

    run = write_run(tmp_path / "run", dataset=dataset)
    meta = json.loads((run / "run.json").read_text())
    (run / "run.json").write_text(json.dumps({**meta, "dataset_hash": dataset_hash(load_dataset(dataset))}))
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["provenance"]["hash"] == r["provenance"]["run_hash"] and r["provenance"]["matches_run"] is True
    assert r["provenance"]["source"] == str(dataset.resolve())

    (dataset / "d.json").write_text(json.dumps({**TASKS["d"], "train": [{"input": [[1]], "output": [[1]]}]}))
    with pytest.raises(UserError, match="dataset_hash is .* pass --dataset") as err:
        evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False)
    assert "\n" not in str(err.value)
    r = evaluate_run(run, str(dataset), counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["provenance"]["matches_run"] is False and r["provenance"]["explicit"] is True
    assert "The run was made with dataset hash" in (run / "report.md").read_text()


def test_a_submission_made_by_voting_is_reproduced_by_vote_at_all_samples(tmp_path, dataset):
    results = [row("a", "verified", Y, h="y"), row("a", "verified", X, h="x"), row("a", "verified", Y, h="y"),
               row("b", "exception", None, h="e")]
    submission = {"a": [{"attempt_1": [[2]], "attempt_2": [[0]]}, {"attempt_1": [[5]], "attempt_2": [[4]]}],
                  "b": [{"attempt_1": [[0]], "attempt_2": [[0]]}]}
    assert submission["a"] == vote(results[:3], 2)  # what `omni verify` writes for these rows
    run = write_run(tmp_path / "run", results, submission, dataset=dataset)
    r = evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False).report
    assert r["score"]["arc_prize"] == 0.5 and r["scaling"]["vote_at_k"][-1] == 0.5
    assert r["scaling"]["vote_all_matches_submission"] is True
    assert "Voting over all samples reproduces the score" in (run / "report.md").read_text()


def test_a_custom_token_counter_is_used_for_all_three_kinds(tmp_path, dataset):
    run = write_run(tmp_path / "run", dataset=dataset)
    chars = TokenCounter("chars", lambda texts: [len(t) for t in texts])
    r = evaluate_run(run, counter=chars, plots=False, html_tasks=0, show_progress=False).report
    assert r["tokens"]["counter"] == "chars"
    assert r["tokens"]["grids"]["max"] == len("shape: 1x1\n1 2")
    assert r["tokens"]["grid_to_program_median_ratio"] == pytest.approx(
        r["tokens"]["grids"]["median"] / r["tokens"]["programs"]["median"])


def test_files_plots_html_and_comparison(tmp_path, dataset):
    run_a = write_run(tmp_path / "runs" / "A", dataset=dataset)
    run_b = write_run(tmp_path / "runs" / "B", RESULTS[:4], dataset=dataset)
    ev_a = evaluate_run(run_a, counter=WS, html_tasks=2, show_progress=False)
    ev_b = evaluate_run(run_b, counter=WS, html_tasks=2, show_progress=False)
    for name in ("report.json", "report.md", "scaling.png", "failures.png", "tokens.png", "report.html"):
        assert (run_a / name).stat().st_size > 500, name
        assert run_a / name in ev_a.files
    assert json.loads((run_a / "report.json").read_text())["score"]["tasks_solved"] == 1
    md = (run_a / "report.md").read_text()
    assert "| ARC Prize score | 50.0% |" in md and "| ZeroDivisionError | 1 |" in md
    assert "<!doctype html>" in (run_a / "report.html").read_text()  # its content: test_evaluate_html.py
    assert (run_a / "scaling.png").read_bytes()[:4] == b"\x89PNG"

    header, rows, files = compare([ev_a, ev_b], tmp_path / "cmp")
    assert header == ["metric", "A", "B"]
    # B: task a (½) and b, whose submitted [[6]] no sample of B produced (0).
    assert rows[0] == ["ARC Prize score", "50.0%", "25.0%"]
    assert ["samples", "10", "4"] in rows
    assert files == [tmp_path / "cmp" / "compare_scaling.png"] and files[0].stat().st_size > 500


@pytest.mark.parametrize("breakage, message", [
    (lambda p: (p / "results.jsonl").unlink(), "results.jsonl: file not found"),
    (lambda p: (p / "submission.json").unlink(), "submission.json: file not found"),
    (lambda p: (p / "results.jsonl").write_text('{"task_id": "a", "status": "verified"}\n{oops\n'),
     "results.jsonl:2: invalid JSON"),
    (lambda p: (p / "results.jsonl").write_text('{"task_id": "a", "status": "fine"}\n'),
     "results.jsonl:1: field 'status' is 'fine'"),
    (lambda p: (p / "results.jsonl").write_text('{"task_id": "a", "status": "verified", "test_outputs": 3}\n'),
     "results.jsonl:1: field 'test_outputs'"),
    (lambda p: (p / "results.jsonl").write_text('{"status": "verified"}\n'), "results.jsonl:1: field 'task_id'"),
    (lambda p: (p / "submission.json").write_text('{"a": {"attempt_1": [[1]]}}'),
     "submission.json: task a: expected a list"),
    (lambda p: (p / "submission.json").write_text('{"a": [{"attempt_1": 5}]}'),
     "submission.json: task a[0].attempt_1: expected a grid"),
    (lambda p: (p / "submission.json").write_text('{"zz": []}'), "task zz is not in dataset"),
    (lambda p: (p / "run.json").write_text('{"model": "x"}'), "run.json names no 'dataset'"),
])
def test_user_mistakes_are_one_line_errors_naming_the_file(tmp_path, dataset, breakage, message):
    run = write_run(tmp_path / "run", dataset=dataset)
    breakage(run)
    with pytest.raises(UserError) as err:
        evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False)
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("option, message", [({"scope": "all"}, "--scope"), ({"vote_draws": 0}, "--vote-draws")])
def test_bad_options_are_one_line_errors(tmp_path, dataset, option, message):
    run = write_run(tmp_path / "run", dataset=dataset)
    with pytest.raises(UserError, match=message):
        evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False, **option)


def test_a_dataset_without_test_outputs_is_refused(tmp_path, dataset):
    raw = dict(TASKS["a"], test=[{"input": [[1]]}, {"input": [[3]]}])
    (dataset / "a.json").write_text(json.dumps(raw))
    run = write_run(tmp_path / "run", dataset=dataset)
    with pytest.raises(UserError, match="task a has no test outputs"):
        evaluate_run(run, counter=WS, plots=False, html_tasks=0, show_progress=False)


def test_cli_runs_side_by_side_and_prints_errors_in_one_line(tmp_path, dataset, monkeypatch, capsys):
    run_a = write_run(tmp_path / "A", dataset=dataset)
    run_b = write_run(tmp_path / "B", RESULTS[4:], meta=None)
    code, out, err = run_omni(monkeypatch, capsys, "evaluate", str(run_a), str(run_b), "--dataset", str(dataset),
                              "--tokenizer", str(tmp_path / "no-tokenizer"), "--html-tasks", "1", "--no-plots")
    assert code == 0, err
    assert "Runs side by side" in out and "ARC Prize score" in out
    assert (run_b / "report.html").exists() and not (run_b / "scaling.png").exists()

    code, _, err = run_omni(monkeypatch, capsys, "evaluate", str(tmp_path / "nowhere"))
    assert code == 2 and err.strip().count("\n") == 0 and "nowhere" in err
