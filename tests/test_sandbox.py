"""The sandbox executor: results per input, validation, de-duplication, determinism, robustness."""
from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest

from omni_arc.sandbox import ExecResult, Executor

A = np.array([[1, 2], [3, 4]], dtype=np.int8)
B = np.array([[0, 5, 0]], dtype=np.int8)
C = np.array([[7]], dtype=np.int8)


@pytest.fixture(scope="module")
def ex():
    with Executor(workers=2, timeout_s=1.0) as executor:
        yield executor


def test_a_program_runs_on_every_input_in_order(ex):
    r = ex.run("def task(grid):\n    return grid.T", [A, B])
    assert isinstance(r, ExecResult) and r.status == "ok" and r.ok
    assert [o.tolist() for o in r.outputs] == [[[1, 3], [2, 4]], [[0], [5], [0]]]
    assert r.errors == [None, None] and r.detail == ""


def test_outputs_are_read_only_int8_grids(ex):
    r = ex.run("def task(grid):\n    return [[1, 2, 3]]", [A])
    assert r.outputs[0].dtype == np.int8 and not r.outputs[0].flags.writeable


def test_programs_receive_writable_int8_grids_and_the_dsl(ex):
    code = ("def task(grid):\n    grid[0, 0] = 9\n"
            "    return np.array([[int(grid.dtype == np.int8), grid[0, 0], int(callable(rotate))]])")
    assert ex.run(code, [A]).outputs[0].tolist() == [[1, 9, 1]]


def test_a_failure_on_one_input_keeps_the_others(ex):
    code = "def task(grid):\n    if grid.shape == (1, 3):\n        raise KeyError('no')\n    return grid"
    r = ex.run(code, [A, B, C])
    assert r.status == "exception" and r.detail.startswith("KeyError: 'no' (line 3)")
    assert r.outputs[0].tolist() == A.tolist() and r.outputs[1] is None and r.outputs[2].tolist() == C.tolist()
    assert r.errors[0] is None and r.errors[1].startswith("exception: KeyError") and r.errors[2] is None
    assert [r.input_status(i) for i in range(3)] == ["ok", "exception", "ok"]


def test_the_status_is_the_first_failure_in_input_order(ex):
    code = ("def task(grid):\n    if grid.shape == (1, 1):\n        raise ValueError('x')\n"
            "    if grid.shape == (1, 3):\n        return 'not a grid'\n    return grid")
    r = ex.run(code, [A, B, C])
    assert r.status == "invalid_output" and r.errors[2].startswith("exception: ValueError")


def test_module_level_failures_apply_to_every_input(ex):
    for code, status in [("def task(:", "syntax_error"), ("x = 1", "no_task_function"),
                         ("1 / 0\ndef task(g):\n    return g", "exception"), ("", "no_code")]:
        r = ex.run(code, [A, B])
        assert r.status == status and r.outputs == [None, None], code


def test_only_byte_identical_programs_run_once(ex):
    before = ex.executed
    a = ex.run("def task(grid):\n    return grid  # one", [A, C])
    b = ex.run("def task(grid):\n    return grid  # one", [A, C])
    assert ex.executed == before + 1 and a is b
    # the same AST in another layout is another program (it can read its own line numbers)
    ex.run("def task(grid):\n\n    return grid  # one", [A, C])
    assert ex.executed == before + 2
    ex.run("def task(grid):\n    return grid  # one", [A])  # other inputs: runs again
    assert ex.executed == before + 3


def test_a_program_that_reads_its_own_layout_is_not_merged_with_an_equal_ast():
    """Same AST, different line numbers: each gets its own verdict."""
    spec = "import sys\ndef task(grid):\n{pad}    return grid + (sys._getframe().f_lineno == 3)"
    with Executor(workers=1, timeout_s=1.0) as ex:
        tight, loose = ex.run_many([(spec.format(pad=""), [A - 1]), (spec.format(pad="\n"), [A - 1])])
    assert tight.outputs[0].tolist() == A.tolist() and loose.outputs[0].tolist() == (A - 1).tolist()


def test_runs_are_deterministic_across_workers(ex):
    body = ("import random\ndef task(grid):\n    _ = {k}\n"
            "    s = ''.join({{'ab', 'cd', 'ef', 'gh'}})\n"
            "    return np.array([[random.randrange(10), np.random.randint(10), ord(s[0]) % 10,\n"
            "                      np.random.default_rng().integers(10)]])")
    results = ex.run_many([(body.format(k=k), [A]) for k in range(6)])
    outs = {tuple(r.outputs[0].ravel()) for r in results}
    assert len(outs) == 1 and all(r.ok for r in results)


def test_a_dead_worker_is_replaced_without_losing_queued_work():
    code = "import time\ndef task(grid):\n    _ = {k}\n    time.sleep(0.3)\n    return grid + {k}"
    with Executor(workers=2, timeout_s=1.0) as ex:
        futures = [ex.submit(code.format(k=k), [C - 7]) for k in range(8)]
        time.sleep(0.4)
        os.kill(ex.worker_pids[0], signal.SIGKILL)
        results = [f.result(timeout=60) for f in futures]
        assert ex.worker_restarts >= 1 and len(ex.worker_pids) == 2
    assert [r.status for r in results] == ["ok"] * 8
    assert [int(r.outputs[0][0, 0]) for r in results] == list(range(8))


def test_a_wrong_output_stops_the_run_before_later_inputs(ex):
    code = ("def task(grid):\n    if grid.shape == (1, 1):\n        while True:\n            pass\n"
            "    return grid")
    r = ex.run(code, [A, B, C], expected=[A, B.T])  # the output for B differs; C would loop
    assert r.status == "wrong_output" and r.detail == "the output for input 2 differs from the expected one"
    assert r.outputs[0].tolist() == A.tolist() and r.outputs[1].tolist() == B.tolist() and r.outputs[2] is None
    assert r.errors[:2] == [None, None] and r.errors[2].startswith("skipped: ")
    assert r.cpu_s < 0.5


def test_a_failure_among_the_expected_inputs_stops_the_run(ex):
    code = "def task(grid):\n    if grid.shape == (2, 2):\n        raise KeyError(1)\n    while True:\n        pass"
    r = ex.run(code, [A, C], expected=[A])
    assert r.status == "exception" and [r.input_status(i) for i in range(2)] == ["exception", "skipped"]


def test_right_outputs_run_every_input_and_later_failures_do_not_stop(ex):
    code = "def task(grid):\n    if grid.shape == (1, 3):\n        raise KeyError(1)\n    return grid.T"
    r = ex.run(code, [A, C, B, C], expected=[A.T, C])
    assert r.status == "exception" and [r.input_status(i) for i in range(4)] == ["ok", "ok", "exception", "ok"]
    ok = ex.run("def task(grid):\n    return grid.T", [A, B], expected=[A.T, B.T])
    assert ok.status == "ok" and ok.outputs[1].tolist() == B.T.tolist()


def test_expected_outputs_are_part_of_what_identical_jobs_share(ex):
    code = "def task(grid):\n    return grid + 0"
    assert ex.run(code, [A]).status == "ok"
    assert ex.run(code, [A], expected=[C]).status == "wrong_output"
    with pytest.raises(ValueError, match="more expected"):
        ex.submit(code, [A], expected=[A, A])


def test_inputs_must_be_grids(ex):
    with pytest.raises(ValueError, match="input 0"):
        ex.submit("def task(g):\n    return g", [np.zeros((2, 2, 2), dtype=int)])
    with pytest.raises(ValueError, match="0..9"):
        ex.submit("def task(g):\n    return g", [np.array([[10]])])


def test_a_closed_executor_refuses_work():
    ex = Executor(workers=1)
    ex.close()
    with pytest.raises(RuntimeError):
        ex.run("def task(g):\n    return g", [A])


def test_the_result_channel_is_parsed_with_explicit_bounds():
    from omni_arc.sandbox.protocol import (
        ChannelError, parse_child_records, rec_end, rec_fail, rec_output,
    )

    good = rec_output(bytes([1, 2]), 1, 2) + rec_fail("exception", "KeyError: 1") + rec_end("hi")
    parsed = parse_child_records(good, 2)
    assert parsed["items"] == [("ok", bytes([1, 2]), 1, 2), ("exception", "KeyError: 1")]
    assert parsed["end"] and parsed["stdout"] == "hi"
    for bad in [good + b"O", good[:-1], rec_output(bytes([10]), 1, 1) + rec_end(""),
                rec_output(b"", 0, 0), b"\x00" + good, good * 2, rec_output(bytes(4), 1, 2)]:
        with pytest.raises(ChannelError):
            parse_child_records(bad, 2)
    with pytest.raises(ChannelError):  # three outputs for two inputs
        parse_child_records(rec_output(b"\x01", 1, 1) * 3 + rec_end(""), 2)


def test_a_run_may_end_early_only_at_a_failure_among_the_expected_inputs():
    from omni_arc.sandbox.protocol import ChannelError, parse_child_records, rec_end, rec_fail, rec_output

    stopped = rec_output(b"\x01", 1, 1) + rec_fail("exception", "E") + rec_end("")
    assert len(parse_child_records(stopped, 3, stop_after=2)["items"]) == 2
    for bad, stop_after in [(stopped, 1), (stopped, 0),  # the failure is not among the first k
                            (rec_output(b"\x01", 1, 1) + rec_end(""), 2),  # no failure at all
                            (rec_fail("exception", "E") + rec_output(b"\x01", 1, 1) + rec_end(""), 2)]:
        with pytest.raises(ChannelError):
            parse_child_records(bad, 3, stop_after=stop_after)
