"""Training samples: every example in a prompt is exactly what the program computes."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from omni_arc.data import Pair, load_task
from omni_arc.program import compile_task
from omni_arc.prompts import decode_grid, format_answer
from train.config import DataConfig
from train.dataset import LibraryTask, SampleBuilder, split_task_ids

FIRST_ROW_TO_5 = "def task(grid):\n    out = grid.copy()\n    out[0, :] = 5\n    return out"
MIRROR = "def task(grid):\n    return np.fliplr(grid)"


def _gen_first_row(rng: np.random.Generator) -> np.ndarray:
    h, w = rng.integers(2, 5, size=2)
    return rng.integers(0, 5, size=(h, w)).astype(np.int8)  # colours 0..4: never 5


def _pairs(code: str, grids: list[list[list[int]]]) -> tuple[Pair, ...]:
    fn = compile_task(code)
    return tuple(Pair(np.array(g, dtype=np.int8), fn(np.array(g, dtype=np.int8))) for g in grids)


FIRST_ROW_TASK = LibraryTask(
    "f0000001", FIRST_ROW_TO_5,
    _pairs(FIRST_ROW_TO_5, [[[1, 2], [3, 4]], [[0, 1, 0], [2, 2, 0]], [[3], [1], [4]]]),
    ("train", "train", "test"), _gen_first_row,
)
MIRROR_TASK = LibraryTask(
    "f0000002", MIRROR, _pairs(MIRROR, [[[1, 2, 3]], [[0, 7], [8, 0]], [[5, 5, 1], [2, 0, 0]]]),
    ("train", "train", "test"), None,
)


@pytest.fixture(scope="module")
def run():
    """The sandbox's ``run_many``: outputs come from executing the program, as in training."""
    from omni_arc.sandbox import Executor

    with Executor(workers=1, timeout_s=5.0) as ex:
        yield ex.run_many


def decode_examples(user_text: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (input, output) grids shown in a code-from-examples prompt."""
    blocks = re.split(r"^## Example \d+\n", user_text, flags=re.M)[1:]
    pairs = []
    for block in blocks:
        inp, out = block.split("### Output\n")
        pairs.append((decode_grid(inp.replace("### Input\n", "")), decode_grid(out)))
    return pairs


def build(tasks, run, n=24, **cfg) -> tuple[list[dict], SampleBuilder]:
    builder = SampleBuilder(tasks, DataConfig(max_tokens=0, **cfg), None, seed=3)
    return builder.build(n, run, progress=False), builder


def test_samples_round_trip_through_the_program(run):
    samples, _ = build([FIRST_ROW_TASK, MIRROR_TASK], run, p_generated=0.5, p_augment=1.0)
    assert len(samples) == 24
    for s in samples:
        source = {"f0000001": FIRST_ROW_TO_5, "f0000002": MIRROR}[s["task_id"]]
        assert [m["role"] for m in s["prompt"]] == ["system", "user"]
        assert s["completion"] == [{"role": "assistant", "content": format_answer(source)}]
        examples = decode_examples(s["prompt"][1]["content"])
        assert 2 <= len(examples) == len(s["origins"]) <= 5
        fn = compile_task(source)
        for x, y in examples:
            assert np.array_equal(fn(x), y)


def test_augmentation_is_kept_only_where_the_program_still_computes_the_examples(run):
    # "first row becomes 5" survives only a left-right flip and colour maps that keep 5 in place;
    # a mirror survives every colour map and some flips.
    samples, builder = build([FIRST_ROW_TASK], run, n=40, p_generated=0.5, p_augment=1.0)
    fn = compile_task(FIRST_ROW_TO_5)
    transforms = set()
    for s in samples:
        for x, y in decode_examples(s["prompt"][1]["content"]):
            assert np.array_equal(fn(x), y)
        transforms.add(s["augmentation"]["transform"])
        assert s["augmentation"]["colors"][5] == 5
    assert transforms <= {"identity", "flip_left_right"}
    assert builder.report.augment_rejected > 0
    mirror, _ = build([MIRROR_TASK], run, n=20, p_augment=1.0)
    assert all(s["augmentation"]["colors"] != list(range(10)) for s in mirror)  # colour maps always pass
    for s in mirror:
        for x, y in decode_examples(s["prompt"][1]["content"]):
            assert np.array_equal(np.fliplr(x), y)


def test_pairs_come_from_the_task_and_its_generator(run):
    only_own, _ = build([FIRST_ROW_TASK], run, n=10, p_generated=0.0, p_augment=0.0)
    assert all(set(s["origins"]) <= {"train", "test"} for s in only_own)
    only_generated, b = build([FIRST_ROW_TASK], run, n=10, p_generated=1.0, p_augment=0.0)
    assert all(set(s["origins"]) == {"generated"} for s in only_generated)
    assert b.report.generated_pairs == sum(len(s["origins"]) for s in only_generated)
    lengths = {len(s["origins"]) for s in only_generated}
    assert lengths <= {2, 3, 4, 5} and len(lengths) > 1  # a random number of examples


def test_building_is_deterministic_under_a_seed(run):
    a, _ = build([FIRST_ROW_TASK, MIRROR_TASK], run, n=12, p_augment=0.5)
    b, _ = build([FIRST_ROW_TASK, MIRROR_TASK], run, n=12, p_augment=0.5)
    assert a == b
    other = SampleBuilder([FIRST_ROW_TASK, MIRROR_TASK], DataConfig(max_tokens=0), None, seed=4)
    assert other.build(12, run, progress=False) != a


def test_samples_fit_the_token_budget(run):
    def chars(messages):  # a stand-in tokenizer: one token per character
        return sum(len(m["content"]) for m in messages)

    cfg = DataConfig(max_tokens=760, min_pairs=2, max_pairs=5, p_generated=1.0, p_augment=0.0)
    samples = SampleBuilder([FIRST_ROW_TASK], cfg, chars, seed=0).build(10, run, progress=False)
    assert samples and all(chars(s["prompt"] + s["completion"]) == s["n_tokens"] <= 760 for s in samples)
    assert any(s["dropped_pairs"] > 0 for s in samples)  # the budget binds: pairs were dropped


def test_a_program_that_disagrees_with_its_own_pairs_yields_no_samples(run):
    wrong = LibraryTask("f0000003", MIRROR, FIRST_ROW_TASK.pairs, FIRST_ROW_TASK.origins, None)
    samples, builder = build([wrong], run, n=3, max_attempts=2)
    assert samples == [] and builder.report.failures


def test_validation_split_is_disjoint_and_stable_as_the_library_grows():
    ids = [f"{i:08x}" for i in range(200)]
    train, val = split_task_ids(ids, 0.1)
    assert not set(train) & set(val) and sorted(train + val) == ids
    assert 5 < len(val) < 40
    train2, val2 = split_task_ids(ids + [f"{i:08x}" for i in range(200, 300)], 0.1)
    assert set(val) <= set(val2) and set(train) <= set(train2)
    assert split_task_ids(ids[:2], 0.1)[1] != []  # at least one held-out task


def test_data_build_writes_library_samples_that_round_trip(tmp_path, tiny_model_dir):
    from omni_arc.library import load_solution
    from train.build import build_to_file

    out = tmp_path / "samples.jsonl"
    config = Path(__file__).resolve().parents[1] / "configs/tiny.yaml"
    report = build_to_file(out, 12, config, seed=1, overrides=[f"model={tiny_model_dir}", "data.max_tokens=1024"])
    samples = [json.loads(line) for line in out.read_text().splitlines()]
    if not samples:
        pytest.skip("the library has no usable task yet")
    assert report["built"] == len(samples) == 12
    for s in samples:
        source = load_solution(s["task_id"]).source
        assert s["completion"][0]["content"] == format_answer(source)
        fn = compile_task(source)
        for x, y in decode_examples(s["prompt"][1]["content"]):
            assert np.array_equal(fn(x), y), s["task_id"]


def test_only_arc_agi_1_training_tasks_are_used(monkeypatch):
    import omni_arc.library as library
    from train.dataset import SOURCE_DATASET, library_tasks

    fake = {tid: SimpleNamespace(source=MIRROR, generate_input=None) for tid in ("ffffffff", "67a3c6ac", "a9f96cdd")}
    monkeypatch.setattr(library, "load_library", lambda: fake)
    tasks = library_tasks()
    assert [t.task_id for t in tasks] == ["67a3c6ac", "a9f96cdd"]  # unknown ids are skipped

    def pairs(task):
        return [(p.input.tolist(), p.output.tolist()) for p in task.train + task.test]

    got = [(p.input.tolist(), p.output.tolist()) for p in tasks[1].pairs]  # a9f96cdd was corrected in 2024
    assert got == pairs(load_task("a9f96cdd", SOURCE_DATASET)) == pairs(load_task("a9f96cdd", "arc-agi-1/training"))
    assert got != pairs(load_task("a9f96cdd", "arc-agi-1-2019/training"))


def test_check_tasks_names_the_first_pair_a_program_gets_wrong(run):
    from train.dataset import check_tasks

    wrong = LibraryTask("f0000003", MIRROR, FIRST_ROW_TASK.pairs, FIRST_ROW_TASK.origins, None)
    crash = LibraryTask("f0000004", "def task(grid):\n    return 1 / 0", MIRROR_TASK.pairs, MIRROR_TASK.origins)
    broken = check_tasks([FIRST_ROW_TASK, wrong, MIRROR_TASK, crash], run)
    assert sorted(broken) == ["f0000003", "f0000004"]
    assert broken["f0000003"] == "fails its train pair 0 (wrong_output: 4 of 4 cells differ)"
    assert broken["f0000004"].startswith("fails its train pair 0 (exception: ZeroDivisionError")
