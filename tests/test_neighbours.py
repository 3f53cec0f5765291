"""Nearness, the neighbours and output_from_code prompt kinds: ranking, leave-one-out, the token
budget, training samples (tiny inline tasks), a tiny training run and sampling with both kinds."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import run_omni
from omni_arc.data import Pair
from omni_arc.neighbours import (Program, excluded_ids, in_process_runner, nearest, nearest_many, score,
                                 search_programs)
from omni_arc.program import compile_task
from omni_arc.prompts import (NeighbourText, decode_grid, fit_neighbours_messages, neighbours_messages,
                              output_from_code_messages)
from train.config import ConfigError, DataConfig, config_from_dict
from train.dataset import LibraryTask, SampleBuilder
from train.neighbour_source import NeighbourSource

FLIP = "def task(grid):\n    return np.fliplr(grid)"
SAME = "def task(grid):\n    return grid.copy()"
ROT180 = "def task(grid):\n    return np.rot90(grid, 2)"
FLIPUD = "def task(grid):\n    return np.flipud(grid)"
WIDE = "def task(grid):\n    return np.concatenate([grid, grid], axis=1)"
LOOP = "def task(grid):\n    while True:\n        pass"
RAISE = "def task(grid):\n    raise ValueError('no')"


def _pairs(code: str, grids: list[list[list[int]]]) -> list[Pair]:
    fn = compile_task(code)
    return [Pair(np.array(g, dtype=np.int8), np.asarray(fn(np.array(g, dtype=np.int8)))) for g in grids]


# flipping left-right; the third grid is a single row, which flipud leaves unchanged
GRIDS = [[[1, 2, 3], [4, 5, 6]], [[7, 0], [0, 7]], [[1, 2]]]
FLIP_PAIRS = _pairs(FLIP, GRIDS)


@pytest.fixture(scope="module")
def run():
    return in_process_runner(timeout_s=0.2)


# ---------------------------------------------------------------- nearness


def test_the_right_program_ranks_first_then_by_exact_pairs_and_cells(run):
    programs = [Program("same", SAME), Program("flip", FLIP), Program("rot", ROT180), Program("wide", WIDE)]
    near = nearest("t0000000", FLIP_PAIRS, programs, run, k=3)
    assert [n.program.program_id for n in near] == ["flip", "rot", "same"]
    assert near[0].describe() == "every pair exact"
    # rot180 = fliplr o flipud: right on the 1-row pair 3 only; the identity gets 2 middle cells
    assert near[1].describe() == "right shapes, 16% of cells, pair 3 exact"
    assert near[2].describe() == "right shapes, 16% of cells, no pair exact"


def test_a_program_with_no_output_of_the_right_shape_is_never_near(run):
    near = nearest("t0000000", FLIP_PAIRS, [Program("wide", WIDE), Program("raise", RAISE)], run, k=3)
    assert near == []


def test_programs_with_the_same_source_or_the_same_outputs_count_once(run):
    flip2 = FLIP.replace("np.fliplr(grid)", "np.fliplr(grid)  # again")
    flip3 = "def task(grid):\n    return grid[:, ::-1]"
    programs = [Program("flip", FLIP), Program("flip2", flip2), Program("flip3", flip3), Program("same", SAME)]
    ids = [n.program.program_id for n in nearest("t0000000", FLIP_PAIRS, programs, run, k=3)]
    assert len(ids) == 2 and ids[1] == "same" and ids[0] in {"flip", "flip3"}


def test_a_looping_program_times_out_without_stopping_the_others(run):
    near = nearest("t0000000", FLIP_PAIRS, [Program("loop", LOOP), Program("flip", FLIP)], run, k=3)
    assert [n.program.program_id for n in near] == ["flip"]
    assert run([(LOOP, [np.zeros((1, 1), dtype=np.int8)] * 2)])[0].outputs == [None, None]


def test_the_trusted_fast_path_finds_the_same_neighbours_and_stops_loops(run):
    from omni_arc.neighbours import trusted_runner

    programs = [Program("same", SAME), Program("flip", FLIP), Program("rot", ROT180), Program("wide", WIDE),
                Program("loop", LOOP), Program("raise", RAISE)]
    with trusted_runner(workers=1) as fast:
        near = nearest("t0000000", FLIP_PAIRS, programs, fast, k=3)
        looped = fast([(LOOP, [np.zeros((1, 1), dtype=np.int8)] * 2)])[0].outputs
    assert [n.describe() for n in near] == [n.describe() for n in nearest("t0000000", FLIP_PAIRS, programs, run, k=3)]
    assert [n.program.program_id for n in near] == ["flip", "rot", "same"] and looped == [None, None]


def test_the_line_about_a_program_counts_shapes_cells_and_exact_pairs():
    want = [np.array([[1, 2], [3, 4]]), np.array([[5]]), np.array([[1, 1]])]
    got = [np.array([[1, 2], [3, 0]]), np.array([[5]]), np.array([[1, 1, 1]])]
    n = score(Program("p", ""), want, got)
    assert (n.shapes_right, n.cells_right, n.cells_total, n.exact) == (2, 4, 7, (1,))
    assert n.describe() == "right shape on 2 of 3 pairs, 57% of cells, pair 2 exact"


def test_leave_one_out_excludes_the_own_program_and_its_same_rule_group(run):
    rot_pairs = _pairs(ROT180, GRIDS)
    # 3c9b0459 and 6150a2bd are one ARC rule (rotate by 180 degrees): SAME_RULE in the library
    programs = [Program("3c9b0459", ROT180), Program("6150a2bd", ROT180 + "  # copy"), Program("flip", FLIP),
                Program("flipud", FLIPUD)]
    assert excluded_ids("3c9b0459") == {"3c9b0459", "6150a2bd"}
    loo = [n.program.program_id for n in nearest("3c9b0459", rot_pairs, programs, run, k=3)]
    assert "3c9b0459" not in loo and "6150a2bd" not in loo and set(loo) == {"flip", "flipud"}
    full = [n.program.program_id for n in nearest("3c9b0459", rot_pairs, programs, run, k=3, leave_one_out=False)]
    assert full[0] in {"3c9b0459", "6150a2bd"}
    many = nearest_many([("3c9b0459", rot_pairs), ("6150a2bd", rot_pairs)], programs, run, k=3)
    assert all(not {n.program.program_id for n in v} & {"3c9b0459", "6150a2bd"} for v in many.values())


def test_search_candidates_of_a_run_are_programs_of_their_task_only():
    rows = [{"task_id": "a", "source": "search", "candidate_id": "a:0", "code": FLIP},
            {"task_id": "a", "source": "search", "candidate_id": "a:1", "code": FLIP},
            {"task_id": "a", "source": "model", "candidate_id": "a:2", "code": SAME},
            {"task_id": "b", "source": "search", "candidate_id": "b:0", "code": SAME}]
    assert [(p.program_id, p.origin) for p in search_programs(rows, "a")] == [("a:0", "search")]


# ---------------------------------------------------------------- prompts and the budget


def _texts(n: int) -> list[NeighbourText]:
    return [NeighbourText(f"p{i}", "right shapes, 50% of cells, no pair exact",
                          f"def task(grid):\n    x = {i}\n" + "    y = grid + 1\n" * 8 + "    return grid")
            for i in range(n)]


def _chars(messages) -> int:
    return sum(len(m["content"]) for m in messages)


def test_the_budget_drops_neighbours_before_any_pair():
    texts = _texts(3)
    full = _chars(neighbours_messages(FLIP_PAIRS, texts))
    one = _chars(neighbours_messages(FLIP_PAIRS, texts[:1]))
    fit = fit_neighbours_messages(FLIP_PAIRS, texts, _chars, budget=one)
    assert (fit.kept_neighbours, fit.dropped_neighbours, fit.kept_pairs, fit.dropped_pairs) == (1, 2, 3, 0)
    assert "## Similar program 1" in fit.messages[1]["content"]
    assert "## Similar program 2" not in fit.messages[1]["content"]
    assert fit_neighbours_messages(FLIP_PAIRS, texts, _chars, budget=full).dropped_neighbours == 0
    no_nb = _chars(neighbours_messages(FLIP_PAIRS, []))
    fit = fit_neighbours_messages(FLIP_PAIRS, texts, _chars, budget=no_nb - 1)
    assert fit.kept_neighbours == 0 and fit.kept_pairs < 3 and fit.dropped_neighbours == 3
    assert fit_neighbours_messages(FLIP_PAIRS, texts, _chars, budget=10) is None


def test_output_from_code_shows_the_program_and_the_input_and_answers_the_output():
    m = output_from_code_messages(FLIP, FLIP_PAIRS[0].input, FLIP_PAIRS[0].output)
    assert FLIP in m[1]["content"] and decode_grid(m[2]["content"]).tolist() == [[3, 2, 1], [6, 5, 4]]


# ---------------------------------------------------------------- training samples


def _gen(rng: np.random.Generator) -> np.ndarray:
    h, w = rng.integers(1, 4, size=2)
    return rng.integers(0, 9, size=(h, w)).astype(np.int8)


def _task(tid: str, code: str) -> LibraryTask:
    ps = _pairs(code, GRIDS + [[[3, 4, 0]]])
    return LibraryTask(tid, code, tuple(ps), ("train", "train", "train", "test"), _gen)


LIB = [_task("3c9b0459", ROT180), _task("6150a2bd", ROT180 + "  # same rule"), _task("f0000001", FLIP),
       _task("f0000002", FLIPUD), _task("f0000003", SAME)]


def _split_prompt(text: str) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[tuple[str, str]]]:
    body, _, tail = text.partition("## Similar program 1 ")
    examples = []
    for block in re.split(r"^## Example \d+\n", body, flags=re.M)[1:]:
        inp, out = block.split("### Output\n")
        out = out.split("\n\n")[0]
        examples.append((decode_grid(inp.replace("### Input\n", "")), decode_grid(out)))
    progs = re.findall(r"\((.*?)\)\n```python\n(.*?)\n```", "## Similar program 1 " + tail, flags=re.S) if tail else []
    return examples, progs


def test_neighbour_samples_leave_one_out_and_describe_the_pairs_they_show(run):
    cfg = DataConfig(max_tokens=0, kinds={"neighbours": 1.0}, neighbours=2, p_augment=1.0)
    pool = [Program(t.task_id, t.source) for t in LIB]
    builder = SampleBuilder(LIB, cfg, None, seed=1, neighbours=NeighbourSource(pool, 2, run))
    samples = builder.build(20, run, progress=False)
    assert len(samples) == 20 and builder.report.kinds == {"neighbours": 20}
    augmented = 0
    for s in samples:
        assert s["kind"] == "neighbours"
        assert not set(s["neighbour_ids"]) & excluded_ids(s["task_id"]), s["task_id"]
        examples, progs = _split_prompt(s["prompt"][1]["content"])
        assert len(progs) == len(s["neighbour_ids"]) >= 1
        own = compile_task(s["completion"][0]["content"].strip("`").removeprefix("python\n"))
        for x, y in examples:  # the completion computes every example shown
            assert np.array_equal(own(x), y)
        for line, source in progs:  # every line is true of the examples next to it
            fn = compile_task(source)
            assert line == score(Program("p", source), [y for _, y in examples],
                                 [np.asarray(fn(x)) for x, _ in examples]).describe()
        augmented += s["augmentation"]["transform"] != "identity"
    assert augmented > 0


def test_output_from_code_samples_answer_what_the_program_computes(run):
    cfg = DataConfig(max_tokens=0, kinds={"output_from_code": 1.0})
    samples = SampleBuilder(LIB, cfg, None, seed=2).build(10, run, progress=False)
    for s in samples:
        text = s["prompt"][1]["content"]
        code = re.search(r"```python\n(.*?)\n```", text, flags=re.S).group(1)
        grid = decode_grid(text.split("### Input\n")[1])
        assert np.array_equal(compile_task(code)(grid), decode_grid(s["completion"][0]["content"]))
        assert code == next(t.source for t in LIB if t.task_id == s["task_id"])


def test_a_single_kind_draws_exactly_the_samples_of_before(run):
    plain = SampleBuilder(LIB, DataConfig(max_tokens=0), None, seed=5).build(8, run, progress=False)
    named = SampleBuilder(LIB, DataConfig(max_tokens=0, kinds={"code_from_examples": 1.0}), None,
                          seed=5).build(8, run, progress=False)
    assert plain == named and {s["kind"] for s in plain} == {"code_from_examples"}


def test_kind_shares_are_checked():
    with pytest.raises(ConfigError, match="data.kinds"):
        config_from_dict({"data": {"kinds": {"code_from_examples": 0.0, "neighbours": 0.0}}}, "x.yaml")
    with pytest.raises(ConfigError, match="data.kinds"):
        config_from_dict({"data": {"kinds": {"poetry": 1.0}}}, "x.yaml")
    with pytest.raises(ConfigError, match="data.kinds"):
        config_from_dict({"data": {"kinds": {"neighbours": "all"}}}, "x.yaml")
    cfg = config_from_dict({"data": {"kinds": {"code_from_examples": 0.5, "neighbours": 0.3,
                                               "output_from_code": 0.2}}}, "x.yaml")
    assert cfg.data.kinds["neighbours"] == 0.3


# ---------------------------------------------------------------- tiny model: train and sample


@pytest.fixture(scope="module")
def sandbox():
    from omni_arc.sandbox import Executor

    with Executor(workers=1, timeout_s=5.0) as ex:
        yield ex.run_many


def test_a_tiny_run_trains_on_all_three_kinds(tmp_path, tiny_model_dir, sandbox):
    from test_train import tiny_config
    from train.trainer import run_training

    cfg = tiny_config(tiny_model_dir, "training.max_steps=2", "training.eval_steps=0", "data.val_tasks=[f0000003]",
                      "data.kinds={code_from_examples: 0.4, neighbours: 0.4, output_from_code: 0.2}",
                      "data.train_samples=12", "data.max_tokens=1024")
    out = tmp_path / "run"
    summary = run_training(cfg, out, progress=False, tasks=LIB, run=sandbox)
    rows = [json.loads(line) for line in (out / "data/train.jsonl").read_text().splitlines()]
    kinds = [r["kind"] for r in rows]  # each kind gets exactly its share of the 12 samples
    assert {k: kinds.count(k) for k in set(kinds)} == {"code_from_examples": 5, "neighbours": 5, "output_from_code": 2}
    report = json.loads((out / "data/report.json").read_text())["train"]
    assert report["kinds"] == {"code_from_examples": 5, "neighbours": 5, "output_from_code": 2}
    for r in rows:
        if r["kind"] == "neighbours":  # never a validation program, never the task's own
            assert not set(r["neighbour_ids"]) & ({"f0000003"} | excluded_ids(r["task_id"]))
    assert (out / "adapter/adapter_config.json").exists() and summary["global_step"] == 2


def test_infer_samples_both_prompt_kinds_and_records_them(tmp_path, tiny_model_dir):
    from infer.run import InferConfig, format_summary, run_inference

    cfg = InferConfig(model=tiny_model_dir, dataset="arc-agi-1/training", output=tmp_path / "r",
                      tasks=["3c9b0459"], predictions_per_task=2, augmentations_per_task=2,
                      prompt=["code_from_examples", "neighbours"], neighbours=2, max_tokens=8,
                      max_model_len=4096, backend="transformers", dtype="float32", progress=False,
                      verify_workers=1)
    meta = run_inference(cfg)
    rows = [json.loads(line) for line in (tmp_path / "r/candidates.jsonl").read_text().splitlines()]
    assert sorted(r["prompt_kind"] for r in rows) == ["code_from_examples", "neighbours"]
    assert all(r["kind"] == r["prompt_kind"] for r in rows)  # the kind repair rounds also record
    nb = next(r for r in rows if r["prompt_kind"] == "neighbours")
    assert len(nb["neighbour_ids"]) == 2 and not set(nb["neighbour_ids"]) & {"3c9b0459", "6150a2bd"}
    assert next(r for r in rows if r["prompt_kind"] == "code_from_examples")["neighbour_ids"] == []
    assert meta["counts"]["candidates_per_prompt_kind_now"] == {"code_from_examples": 1, "neighbours": 1}
    assert meta["timings"]["neighbours_per_task_s"] > 0
    assert meta["counts"]["neighbour_groups_now"] == 1
    assert "neighbours prompts: 1 groups" in format_summary(meta)
    results = [json.loads(line) for line in (tmp_path / "r/results.jsonl").read_text().splitlines()]
    assert {r.get("prompt_kind") for r in results} == {"code_from_examples", "neighbours"}


def test_evaluate_reports_each_prompt_kind(tmp_path, tiny_model_dir):
    """A run with both prompt kinds: report.json and report.md break the samples down by kind."""
    from infer.run import InferConfig, run_inference
    from omni_arc.evaluate import evaluate_run

    out = tmp_path / "r"
    run_inference(InferConfig(model=tiny_model_dir, dataset="arc-agi-1/training", output=out, tasks=["3c9b0459"],
                              predictions_per_task=4, augmentations_per_task=2, prompt=["neighbours", "code_from_examples"],
                              neighbours=1, max_tokens=4, backend="transformers", dtype="float32", progress=False,
                              verify_workers=1))
    ev = evaluate_run(out, None, html_tasks=0, plots=False)
    kinds = ev.report["prompt_kinds"]
    assert {k: v["samples"] for k, v in kinds.items()} == {"code_from_examples": 2, "neighbours": 2}
    assert "## Prompt kinds" in (out / "report.md").read_text()


def test_an_unknown_prompt_kind_is_a_one_line_error(tmp_path, tiny_model_dir, monkeypatch, capsys):
    code, _, err = run_omni(monkeypatch, capsys, "infer", "--model", str(tiny_model_dir), "--dataset",
                            "arc-agi-1/training", "-o", str(tmp_path / "r"), "--prompt", "neighbours,poetry")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--prompt neighbours,poetry" in err


def test_data_build_shows_neighbour_samples_of_the_library(tmp_path, tiny_model_dir, monkeypatch, capsys):
    """`omni data build --kind neighbours` on the real library: leave-one-out, validation programs never shown."""
    from omni_arc.library import library_ids
    from train.config import load_config
    from train.dataset import split_task_ids

    out = tmp_path / "samples.jsonl"
    config = Path(__file__).resolve().parents[1] / "configs/tiny.yaml"
    code, _, err = run_omni(monkeypatch, capsys, "data", "build", "--output-file", str(out), "--num-samples", "2",
                            "-c", str(config), "--kind", "neighbours", "--set", f"model={tiny_model_dir}",
                            "--set", "data.max_tokens=2048")
    assert code == 0, err
    assert "kinds: neighbours 2" in err
    val = set(split_task_ids(library_ids(), load_config(config).data.val_fraction)[1])
    for s in (json.loads(line) for line in out.read_text().splitlines()):
        assert s["kind"] == "neighbours"
        assert not set(s["neighbour_ids"]) & (excluded_ids(s["task_id"]) | val)
        shown = re.findall(r"^## Similar program \d+ \(", s["prompt"][1]["content"], flags=re.M)
        assert len(shown) == len(s["neighbour_ids"])  # none when no library program gets a shape right
