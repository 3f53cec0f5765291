"""The `omni` CLI: fast help, `omni data show/stats`, and one-line errors (exit code 2)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from _malformed import CASES, task_with, write_case
from helpers import run_omni
from omni_arc import cli


def test_help_lists_the_command_groups(monkeypatch, capsys):
    code, out, _ = run_omni(monkeypatch, capsys, "--help")
    assert code == 0
    for group in ("data", "models"):
        assert group in out


def test_importing_the_cli_loads_no_heavy_library():
    probe = ("import sys, omni_arc.cli; "
             "print(sorted(m for m in ('torch', 'transformers', 'vllm', 'trl', 'peft') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_installed_entry_point_prints_one_line_errors():
    omni = Path(sys.executable).with_name("omni")
    proc = subprocess.run([str(omni), "data", "show", "nope"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["error: arc-agi-1/training: no task with id 'nope'"]


def test_data_show_prints_train_pairs_and_test_outputs(monkeypatch, capsys):
    code, out, _ = run_omni(monkeypatch, capsys, "data", "show", "007bbfb7")
    assert code == 0
    assert "task 007bbfb7 (arc-agi-1/training): 5 train pairs, 1 test inputs" in out
    assert "train 1 input 3x3" in out and "output 9x9" in out and "test 1 input 3x3" in out
    assert " 0 7 7" in out  # no colour in a pipe: every cell shows its digit


def test_data_show_marks_unknown_test_outputs(tmp_path, monkeypatch, capsys):
    write_case(tmp_path, {"demo_challenges.json": {"abc": task_with(test=[{"input": [[5, 6]]}])}})
    code, out, _ = run_omni(monkeypatch, capsys, "data", "show", "abc",
                            "--dataset", str(tmp_path / "demo_challenges.json"))
    assert code == 0
    assert "test 1 input 1x2" in out and " 5 6" in out and "?" in out


def test_data_stats_json_counts_the_dataset(monkeypatch, capsys):
    code, out, _ = run_omni(monkeypatch, capsys, "data", "stats", "--no-tokens", "--json")
    stats = json.loads(out)
    assert code == 0
    assert (stats["n_tasks"], stats["n_train_pairs"], stats["n_test_inputs"]) == (400, 1302, 416)  # the ARC Prize 2024 release
    assert stats["height"]["max"] == 30 and sum(stats["max_side_buckets"].values()) > 0
    assert stats["tokens"] is None


def test_data_stats_counts_prompt_tokens_with_a_tokenizer(tmp_path, tiny_model_dir, monkeypatch, capsys):
    small = {"a": task_with(), "b": task_with(train=[{"input": [[1] * 30] * 30, "output": [[2]]}] * 3)}
    write_case(tmp_path, {"s_challenges.json": small})
    code, out, _ = run_omni(monkeypatch, capsys, "data", "stats", "--dataset",
                            str(tmp_path / "s_challenges.json"), "--tokenizer", str(tiny_model_dir), "--json")
    tokens = json.loads(out)["tokens"]
    assert code == 0
    assert 100 < tokens["lengths"]["min"] < tokens["lengths"]["max"]
    assert tokens["over"]["2048"] == 1 and tokens["over"]["8192"] == 0
    assert tokens["longest"][0][0] == "b"


@pytest.mark.parametrize("case_id, files, load, fragment", CASES, ids=[c[0] for c in CASES])
def test_malformed_data_through_the_cli_is_one_line_exit_2(tmp_path, monkeypatch, capsys,
                                                            case_id, files, load, fragment):
    write_case(tmp_path, files)
    code, out, err = run_omni(monkeypatch, capsys, "data", "stats", "--no-tokens",
                              "--dataset", str(tmp_path / load))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]
    assert "Traceback" not in err + out


def test_models_errors_are_one_line(tmp_path, monkeypatch, capsys):
    code, _, err = run_omni(monkeypatch, capsys, "models", "prepare", "gpt-9", "--models-dir", str(tmp_path))
    assert code == 2
    assert err.strip() == "error: model 'gpt-9': unknown; expected one of smollm2-135m"
    code, _, err = run_omni(monkeypatch, capsys, "data", "stats", "--tokenizer", str(tmp_path / "none"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no such folder" in err


def test_models_list_shows_the_prepared_model(smollm2_dir, monkeypatch, capsys):
    code, out, _ = run_omni(monkeypatch, capsys, "models", "list", "--models-dir", str(smollm2_dir.parent))
    assert code == 0
    assert "smollm2-135m   ready" in out


def _all_options():
    """``(command path, option)`` for every option of every ``omni`` command."""
    import typer.main

    def walk(cmd, path):
        if hasattr(cmd, "commands"):  # a group
            for name, sub in cmd.commands.items():
                yield from walk(sub, f"{path} {name}")
        else:
            for p in cmd.params:
                if p.param_type_name == "option":
                    yield path, p

    return list(walk(typer.main.get_command(cli.app), "omni"))


def test_one_cli_vocabulary_across_commands():
    options = _all_options()
    assert len({path for path, _ in options}) >= 15  # every command was walked
    shorts = {"-o": "--output-dir", "-n": "--predictions-per-task", "-d": "--dataset", "-c": "--config"}
    for path, opt in options:
        names = set(opt.opts) | set(opt.secondary_opts)
        assert not names & {"--output", "--out", "--compare-out", "--n", "--task"}, (path, names)
        for short, long in shorts.items():
            if short in names:
                assert long in names, (path, names)
    with_output_dir = {path for path, opt in options if "--output-dir" in opt.opts}
    assert {"omni train", "omni merge-lora", "omni infer", "omni verify", "omni evaluate",
            "omni models tiny"} <= with_output_dir
    assert all("-o" in opt.opts for path, opt in options if "--output-dir" in opt.opts)
    assert {path for path, opt in options if "--output-file" in opt.opts} >= \
        {"omni data build", "omni data synth", "omni data relabel", "omni dsl reference"}
    assert not {path for path, opt in options if "--output-file" in opt.opts} & with_output_dir
    assert [path for path, opt in options if "--num-processes" in opt.opts] == ["omni train"]
