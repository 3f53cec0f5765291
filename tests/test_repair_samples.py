"""Training samples of kind `repair` (train.repair_source): mutants of library programs with the
feedback of really running them; the completion is the original program; the kind mix of
`data.kinds`."""
from __future__ import annotations

import re

import numpy as np
import pytest

from omni_arc.feedback import render_feedback
from omni_arc.prompts import format_answer
from omni_arc.sandbox import Executor
from train.config import DataConfig, config_from_dict
from train.dataset import SampleBuilder, build_split, library_tasks
from train.repair_source import RepairSampleBuilder, SimpleMutant

TASKS = ["007bbfb7", "0d3d703e", "25ff71a9", "3c9b0459", "6150a2bd"]


def flip_first(source, rng):
    """Flip the input upside down before the program sees it: most outputs change."""
    return SimpleMutant(source.replace("def task(grid):", "def task(grid):\n    grid = grid[::-1]", 1), "flip")


def raise_first(source, rng):
    return SimpleMutant(source.replace("def task(grid):", "def task(grid):\n    raise ValueError('boom')", 1), "raise")


def harmless(source, rng):
    """A mutant that behaves exactly like the original: never a repair sample."""
    return SimpleMutant(source.replace("def task(grid):", "def task(grid):\n    unused = 0", 1), "noop")


@pytest.fixture(scope="module")
def tasks():
    return library_tasks(TASKS)


@pytest.fixture(scope="module")
def executor():
    with Executor(workers=1, timeout_s=2.0) as ex:
        yield ex


@pytest.fixture(scope="module")
def checker():
    """A second sandbox for re-running mutants (the builder's executor caches its results)."""
    with Executor(workers=1, timeout_s=2.0) as ex:
        yield ex


def cfg(**kw) -> DataConfig:
    return DataConfig(**{"max_tokens": 0, "min_pairs": 2, "max_pairs": 4, **kw})


def feedback_of(sample) -> str:
    return sample["prompt"][1]["content"].split("## Feedback\n", 1)[1]


def test_the_feedback_of_a_sample_is_what_the_mutant_really_does(tasks, executor, checker):
    builder = RepairSampleBuilder(tasks, cfg(), None, seed=3, mutants=flip_first)
    samples = builder.build(6, executor.run_many, progress=False)
    assert len(samples) == 6
    by_id = {t.task_id: t for t in tasks}
    for s in samples:
        task = by_id[s["task_id"]]
        assert s["kind"] == "repair" and s["completion"][0]["content"] == format_answer(task.source)
        assert f"## Program\n{format_answer(s['mutant'])}" in s["prompt"][1]["content"]
        pairs = [task.pairs[i] for i in s["pair_indices"]]
        again = checker.run(s["mutant"], [p.input for p in pairs])  # run the mutant once more
        expected = [p.output for p in pairs]
        assert feedback_of(s) == render_feedback(expected, again.outputs, again.errors, s["mutant"])
        assert not all(o is not None and np.array_equal(o, e) for o, e in zip(again.outputs, expected))


def test_a_raising_mutant_gets_its_exception_and_line_as_feedback(tasks, executor):
    samples = RepairSampleBuilder(tasks, cfg(), None, seed=0, mutants=raise_first).build(
        2, executor.run_many, progress=False)
    for s in samples:
        assert s["mutant_status"] == "exception"
        assert feedback_of(s).startswith("On example 1 the program raised ValueError: boom (line 2)\n"
                                         "    2 |     raise ValueError('boom')")


def test_a_mutant_that_changes_nothing_is_never_a_sample(tasks, executor):
    builder = RepairSampleBuilder(tasks, cfg(max_attempts=2), None, mutants=harmless)
    assert builder.build(3, executor.run_many, progress=False) == []
    assert builder.report.failures == {"mutant still reproduces every example": 6}


def test_repair_samples_fit_the_token_budget(tasks, executor):
    def count(messages):
        return sum(len(m["content"]) for m in messages) // 4

    samples = RepairSampleBuilder(tasks, cfg(max_tokens=350), count, mutants=flip_first).build(
        6, executor.run_many, progress=False)
    assert samples and all(s["n_tokens"] <= 350 for s in samples)
    assert any(s["dropped_pairs"] for s in samples)
    for s in samples:  # the failing pair stays: the feedback names a shown example
        m = re.match(r"(?:On example|Example) (\d+)", feedback_of(s))
        assert m and 1 <= int(m.group(1)) <= len(s["pair_indices"])


def test_the_default_kind_mix_is_code_from_examples_only(tasks, executor):
    c = config_from_dict({"data": {"max_tokens": 0, "val_fraction": 0.0}}).data
    assert c.kinds == {"code_from_examples": 1.0}
    samples, report = build_split(c, 0, 4, "train", None, executor.run_many, tasks, progress=False, broken={})
    alone = SampleBuilder(tasks, c, None, 0).build(4, executor.run_many, progress=False)
    assert samples == alone
    assert report.requested == report.built == 4


def test_a_kind_mix_builds_each_kind_by_its_share(tasks, executor, monkeypatch):
    import train.repair_source as rs

    monkeypatch.setattr(rs, "default_mutants", lambda: flip_first)
    c = config_from_dict({"data": {"max_tokens": 0, "kinds": {"code_from_examples": 0.5, "repair": 0.5}}}).data
    samples, report = build_split(c, 0, 6, "train", None, executor.run_many, tasks, progress=False, broken={})
    kinds = [s.get("kind", "code_from_examples") for s in samples]
    assert sorted(kinds) == ["code_from_examples"] * 3 + ["repair"] * 3
    assert report.requested == report.built == 6


def test_real_program_mutations_give_execution_checked_samples(tasks, executor, checker):
    pytest.importorskip("omni_arc.mutate")
    samples = RepairSampleBuilder(tasks, cfg(), None, seed=1).build(6, executor.run_many, progress=False)
    assert len(samples) == 6
    by_id = {t.task_id: t for t in tasks}
    for s in samples:
        pairs = [by_id[s["task_id"]].pairs[i] for i in s["pair_indices"]]
        again = checker.run(s["mutant"], [p.input for p in pairs])
        assert feedback_of(s) == render_feedback([p.output for p in pairs], again.outputs, again.errors, s["mutant"])
        assert s["mutant"] != by_id[s["task_id"]].source and s["mutation"]
