"""The library as a run (tools/library_run.py): verified in the sandbox and evaluated, it scores 100%;
a broken solution shows up as a task not solved."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from omni_arc.data import load_dataset
from omni_arc.library import library_ids

TOOL = Path(__file__).resolve().parent.parent / "tools" / "library_run.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("library_run", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def two_ids() -> list[str]:
    training = load_dataset("arc-agi-1/training")
    ids = [t for t in library_ids() if t in training][:2]
    if len(ids) < 2:
        pytest.skip("the library has fewer than two solutions")
    return ids


def test_library_solutions_verified_and_evaluated_score_100_percent(tool, two_ids, tmp_path, capsys):
    out = tmp_path / "library"
    code = tool.main(["--output-dir", str(out), "--tasks", ",".join(two_ids), "--html-tasks", "1",
                      "--tokenizer", str(tmp_path / "none")])
    assert code == 0, capsys.readouterr()
    report = json.loads((out / "report.json").read_text())
    assert report["n_tasks"] == 2 and report["score"]["arc_prize"] == 1.0
    assert report["verification"]["precision"] == 1.0
    assert report["scaling"]["vote_all_matches_submission"] is True
    assert json.loads((out / "run.json").read_text())["dataset"] == "arc-agi-1/training"
    assert "ARC score 100.0%" in capsys.readouterr().out


def test_a_wrong_solution_is_reported_as_not_solved(tool, two_ids, tmp_path, monkeypatch, capsys):
    good = tool.library_candidates

    def one_broken(ids):
        cands = good(ids)
        cands[0]["code"] = "def task(grid):\n    return grid * 0 + 1"
        return cands

    monkeypatch.setattr(tool, "library_candidates", one_broken)
    code = tool.main(["--output-dir", str(tmp_path / "lib"), "--tasks", ",".join(two_ids), "--html-tasks", "0",
                      "--tokenizer", str(tmp_path / "none")])
    assert code == 1
    assert f"not solved: {two_ids[0]}" in capsys.readouterr().err
