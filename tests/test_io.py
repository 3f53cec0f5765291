"""omni_arc.io: atomic writes and the one JSON-lines cut-line policy."""
from __future__ import annotations

import json
import os

import pytest

from omni_arc.errors import UserError
from omni_arc.io import (JsonlError, append_jsonl, atomic_dir, atomic_write_json, atomic_write_jsonl,
                         atomic_write_text, iter_jsonl, read_jsonl)


# --- atomic writes ------------------------------------------------------------------------------

def test_an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "run.json"
    path.write_text("old")
    atomic_write_json(path, {"status": "finished"})
    assert json.loads(path.read_text()) == {"status": "finished"}
    assert path.read_text().endswith("}\n")
    assert os.listdir(tmp_path) == ["run.json"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("old")
    with pytest.raises(TypeError):
        atomic_write_json(path, {"not json": object()})
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(path, "\ud800")
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["x.json"]


def test_an_atomic_folder_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "model"
    with pytest.raises(RuntimeError):
        with atomic_dir(target) as tmp:
            (tmp / "half").write_text("1")
            raise RuntimeError("killed")
    assert os.listdir(tmp_path) == []
    target.mkdir()
    (target / "stale").write_text("x")
    with atomic_dir(target) as tmp:
        (tmp / "new").write_text("1")
    assert os.listdir(target) == ["new"]


def test_an_atomic_folder_keeps_a_complete_one_finished_first(tmp_path):
    target = tmp_path / "model"
    with atomic_dir(target, complete=lambda p: (p / "done").exists()) as tmp:
        target.mkdir()  # another process finishes while this one writes
        (target / "done").write_text("theirs")
        (tmp / "done").write_text("mine")
    assert (target / "done").read_text() == "theirs" and os.listdir(tmp_path) == ["model"]


# --- JSON lines -------------------------------------------------------------------------------

def test_a_last_line_without_newline_is_a_cut_write_and_ignored(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"a": 1}\n{"b": 2}\n{"c": 3}')  # the last line is complete JSON but was cut
    assert read_jsonl(path) == [{"a": 1}, {"b": 2}]


def test_any_other_bad_line_is_an_error_with_its_line_number(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"a": 1}\n\n{oops\n{"b": 2}\n')
    with pytest.raises(JsonlError, match=r"c\.jsonl:3: invalid JSON") as e:
        read_jsonl(path)
    assert isinstance(e.value, UserError)


@pytest.mark.parametrize("line, why", [
    (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    (b'{"n": ' + b"9" * 5000 + b"}", "invalid JSON"),
    (b'{"a": "\xff"}', "not UTF-8"),
])
def test_hostile_lines_are_reported_per_line_when_the_caller_keeps_going(tmp_path, line, why):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"a": 1}\n' + line + b'\n{"b": 2}\n')
    errors: list[str] = []
    assert list(iter_jsonl(path, errors)) == [(1, {"a": 1}), (3, {"b": 2})]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2: ") and why in errors[0]


def test_append_removes_a_cut_line_before_writing_whole_lines(tmp_path):
    path = tmp_path / "r.jsonl"
    assert append_jsonl(path, [{"a": 1}]) == 1
    with open(path, "ab") as f:
        f.write(b'{"half": ')
    append_jsonl(path, [{"b": "é"}, {"c": "\ud800"}], fsync=True)
    assert path.read_bytes() == b'{"a": 1}\n{"b": "\xc3\xa9"}\n{"c": "\\ud800"}\n'
    assert read_jsonl(path) == [{"a": 1}, {"b": "é"}, {"c": "\ud800"}]


def test_append_finds_the_cut_of_a_line_longer_than_one_block(tmp_path):
    path = tmp_path / "r.jsonl"
    append_jsonl(path, [{"a": 1}])
    with open(path, "ab") as f:
        f.write(b'{"long": "' + b"x" * 200_000)
    append_jsonl(path, [{"b": 2}])
    assert read_jsonl(path) == [{"a": 1}, {"b": 2}]
    path.write_bytes(b'{"cut from the first byte')
    append_jsonl(path, [{"c": 3}])
    assert path.read_text() == '{"c": 3}\n'


def test_an_atomic_jsonl_rewrite(tmp_path):
    path = tmp_path / "k.jsonl"
    atomic_write_jsonl(path, [{"k": 1}, {"k": 2}])
    assert read_jsonl(path) == [{"k": 1}, {"k": 2}]
    assert os.listdir(tmp_path) == ["k.jsonl"]
