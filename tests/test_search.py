"""`omni search`: the trusted batched executor, composition search on tiny tasks, resuming, CLI errors."""
from __future__ import annotations

import inspect
import json
import os
import signal
import time

import numpy as np
import pytest

from helpers import run_omni
from omni_arc.data import Pair, Task
from omni_arc.program import compile_task
from omni_arc.search.compose import finish, fit, load_programs, search_task
from omni_arc.search.executor import TrustedPool
from omni_arc.search.operators import IDENTITY, Fixed
from omni_arc.search.search import Library, SearchConfig, make_job, program_code, run_search

G = np.array


# --- the trusted executor -------------------------------------------------------------------

def _calls(guard, labels):
    """A job: one guarded call per label; 'spin' loops forever, 'boom' kills the worker,
    'sleep' blocks in C code, 'greedy' allocates far too much, anything else returns its label."""
    def body(label):
        if label == "spin":
            while True:
                pass
        if label == "boom":
            os.kill(os.getpid(), signal.SIGKILL)
        if label == "sleep":
            time.sleep(60)
        if label == "greedy":
            return np.ones((1 << 34,), dtype=np.uint8)
        return label
    return [(o.status, o.value if o.ok else o.detail) for o in (guard.call(lb, body, lb) for lb in labels)]


def test_a_call_over_its_cpu_time_is_abandoned_and_the_job_goes_on():
    with TrustedPool(workers=1, timeout_s=0.2) as pool:
        res = pool.run(_calls, ["a", "spin", "b"])
    assert res.error is None
    assert [s for s, _ in res.value] == ["ok", "timeout", "ok"]
    assert res.value[2] == ("ok", "b")


def test_a_crashed_worker_is_restarted_and_the_culprit_recorded():
    with TrustedPool(workers=1, timeout_s=1.0) as pool:
        before = pool.worker_pids
        res = pool.run(_calls, ["a", "boom", "b"])
        after = pool.worker_pids
        assert pool.restarts == 1
    assert res.culprits == [("boom", "killed by signal 9")]
    assert res.value == [("ok", "a"), ("error", "skipped: crashed the worker before"), ("ok", "b")]
    assert before != after


def test_a_worker_stuck_outside_python_is_killed_after_the_wall_clock_limit():
    with TrustedPool(workers=1, timeout_s=0.2, hang_s=1.0) as pool:
        start = time.monotonic()
        res = pool.run(_calls, ["sleep", "b"])
    assert time.monotonic() - start < 30
    assert res.culprits and res.culprits[0][0] == "sleep" and "hung" in res.culprits[0][1]
    assert res.value[1] == ("ok", "b")


def test_memory_is_capped_per_worker():
    with TrustedPool(workers=1, timeout_s=5.0, memory_mb=256) as pool:
        res = pool.run(_calls, ["greedy", "b"])
    assert res.value[0][0] == "error" and "MemoryError" in res.value[0][1]
    assert res.value[1] == ("ok", "b")


def test_many_jobs_run_across_workers_and_every_child_is_reaped():
    pool = TrustedPool(workers=2, timeout_s=1.0)
    results = list(pool.map_unordered(_calls, [(i, ([str(i)],)) for i in range(20)]))
    pids = pool.worker_pids
    pool.close()
    assert sorted(r.key for r in results) == list(range(20))
    assert all(r.value == [("ok", str(r.key))] for r in results)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_early_exit_stops_a_program_at_the_first_train_pair_no_output_step_can_fix():
    ran = []

    def outputs():
        for i in range(3):
            ran.append(i)
            yield G([[1, 2]])

    assert fit(outputs(), [G([[3, 3]])] * 3, [Fixed(IDENTITY)]) == []
    assert ran == [0]


# --- composition search on tiny tasks ---------------------------------------------------------

LIBRARY = {  # library-like programs (the real library is not needed to test the search)
    "00000001": "def task(grid):\n    return np.where(grid == 0, 5, grid)\n",
    "00000002": "def task(grid):\n    return crop_to_content(grid)\n",
    "00000003": "def task(grid):\n    return grid[:, :1]\n",
}


def _task(pairs, tests, tid="t"):
    return Task(tid, [Pair(G(a), G(b)) for a, b in pairs], [Pair(G(a), None if b is None else G(b)) for a, b in tests])


def _search(task: Task, budget_s: float = 5.0) -> list[dict]:
    lib = Library(LIBRARY, {pid: "same" for pid in LIBRARY})
    job = make_job(task, lib, SearchConfig(budget_s=budget_s))
    with TrustedPool(workers=1, timeout_s=1.0, initializer=load_programs, initargs=(LIBRARY,)) as pool:
        res = pool.run(search_task, job)
    assert res.error is None
    return [{**g, "code": program_code(g, LIBRARY)} for g in res.value["groups"]]


def _solves(group: dict, task: Task) -> bool:
    fn = compile_task(group["code"])
    return all(np.array_equal(fn(p.input), p.output) for p in task.train + task.test)


FLIPPED = _task([([[0, 1], [2, 0]], [[1, 5], [5, 2]]), ([[3, 0, 0]], [[5, 5, 3]])],
                [([[0, 4], [0, 0]], [[4, 5], [5, 5]])])


def test_a_library_program_followed_by_a_flip_is_found_and_runs_standalone():
    groups = _search(FLIPPED)
    assert groups, "nothing found"
    best = groups[0]
    assert best["kind"] == "library" and best["base"] == "00000001"
    assert best["pre"] + best["post"] == ["flip_left_right({})"]  # flipping before or after: one program
    assert "def task(grid):" in best["code"] and "def library_00000001(grid):" in best["code"]
    assert _solves(best, FLIPPED)


def test_a_colour_permutation_is_inferred_from_the_train_pairs():
    task = _task([([[0, 1, 2], [0, 0, 0]], [[2, 1]]), ([[3, 0], [0, 1]], [[3, 0], [0, 2]])],
                 [([[0, 0], [2, 1]], [[1, 2]])])
    groups = _search(task)
    assert any(g["base"] == "00000002" and any("color_map" in e for e in g["post"]) and _solves(g, task)
               for g in groups)


def test_an_integer_scaling_after_a_library_program_is_found():
    task = _task([([[0, 0, 0], [0, 7, 0]], [[7, 7], [7, 7]]), ([[0, 3, 4]], [[3, 3, 4, 4], [3, 3, 4, 4]])],
                 [([[2, 0], [0, 0]], [[2, 2], [2, 2]])])
    groups = _search(task)
    assert any(g["base"] == "00000002" and g["post"] == ["scale_up({}, 2)"] and _solves(g, task) for g in groups)


def test_an_input_transform_before_a_library_program_is_found():
    task = _task([([[1, 2], [3, 4]], [[2], [4]]), ([[5, 6, 7]], [[7]])], [([[1, 0], [0, 8]], [[0], [8]])])
    groups = _search(task)
    assert any(_solves(g, task) for g in groups)
    assert groups[0]["kind"] in ("library", "primitive")


def test_depth_two_compositions_of_dsl_primitives_are_found():
    def rule(g):
        from omni_arc.dsl import gravity, rotate
        return rotate(gravity(g, "down"), 1)
    grids = [[[1, 0, 0], [0, 0, 2], [0, 0, 0]], [[0, 3], [0, 0], [4, 0]], [[0, 0, 6], [7, 0, 0]]]
    task = _task([(g, rule(G(g)).tolist()) for g in grids[:2]], [(grids[2], rule(G(grids[2])).tolist())])
    groups = _search(task)
    assert any(g["kind"] == "primitive" and _solves(g, task) for g in groups)


def test_search_never_reads_test_outputs():
    known = FLIPPED
    unknown = Task("t", known.train, [Pair(p.input, None) for p in known.test])
    wrong = Task("t", known.train, [Pair(p.input, np.zeros_like(p.input)) for p in known.test])
    lib = Library(LIBRARY, {})
    jobs = [make_job(t, lib, SearchConfig()) for t in (known, unknown, wrong)]
    assert all("test_outputs" not in json.dumps(list(j)) for j in jobs)
    assert [[g["test_outputs"] for g in _search(t)] for t in (known, unknown, wrong)] == [[
        g["test_outputs"] for g in _search(known)]] * 3


# --- the run directory: resume ----------------------------------------------------------------

def _tasks():
    return {"a": FLIPPED, "b": _task([([[1, 1]], [[1]])], [([[2, 2]], [[2]])], "b")}


def test_a_finished_search_is_not_redone_and_a_cut_one_is_redone_once(tmp_path):
    lib = Library(LIBRARY, {pid: "same" for pid in LIBRARY})
    cfg = SearchConfig(budget_s=2.0)
    first = run_search("tiny", _tasks(), tmp_path, cfg, workers=1, progress=False, library=lib, verify=False)
    assert first.searched_now == 2 and first.candidates > 0
    lines = (tmp_path / "candidates.jsonl").read_text().splitlines()
    again = run_search("tiny", _tasks(), tmp_path, cfg, workers=1, progress=False, library=lib, verify=False)
    assert again.searched_now == 0 and (tmp_path / "candidates.jsonl").read_text().splitlines() == lines

    records = (tmp_path / "search_tasks.jsonl").read_text().splitlines()
    (tmp_path / "search_tasks.jsonl").write_text(records[0] + "\n" + records[1][:5])  # a cut last record
    third = run_search("tiny", _tasks(), tmp_path, cfg, workers=1, progress=False, library=lib, verify=False)
    assert third.searched_now == 1
    assert sorted((tmp_path / "candidates.jsonl").read_text().splitlines()) == sorted(lines)

    with pytest.raises(Exception, match="budget_s=2.0, not 3.0"):
        run_search("tiny", _tasks(), tmp_path, SearchConfig(budget_s=3.0), workers=1, progress=False,
                   library=lib, verify=False)


# --- the command ------------------------------------------------------------------------------

@pytest.mark.parametrize("args, fragment", [
    (["--budget-s", "0"], "--budget-s: expected a positive number of seconds, got 0.0"),
    (["--workers", "0"], "--workers: expected a positive number, got 0"),
    (["--limit", "-1"], "--limit: expected a positive number, got -1"),
    (["--tasks", "nope"], "--tasks: nope is not a task of the dataset"),
])
def test_bad_options_give_one_line(tmp_path, monkeypatch, capsys, args, fragment):
    code, _, err = run_omni(monkeypatch, capsys, "search", "-d", "arc-agi-1/training", "-o", str(tmp_path / "r"), *args)
    assert code == 2
    assert err.strip().splitlines() == [f"error: {fragment}"]


def test_output_dir_must_be_a_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "f").write_text("")
    code, _, err = run_omni(monkeypatch, capsys, "search", "-d", "arc-agi-1/training", "-o", str(tmp_path / "f"))
    assert code == 2 and "exists and is not a folder" in err


def test_omni_search_writes_verified_candidates_with_their_source(tmp_path, monkeypatch, capsys):
    task = {"train": [{"input": [[1, 2], [3, 4]], "output": [[3, 1], [4, 2]]},
                      {"input": [[5, 0, 6]], "output": [[5], [0], [6]]}],
            "test": [{"input": [[7, 8]], "output": [[7], [8]]}]}
    (tmp_path / "rot.json").write_text(json.dumps(task))
    out = tmp_path / "run"
    code, _, err = run_omni(monkeypatch, capsys, "search", "-d", str(tmp_path / "rot.json"), "-o", str(out),
                            "--budget-s", "2", "--workers", "1")
    assert code == 0, err
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert rows and all(r["source"] in ("library", "search") for r in rows)
    assert any(r["status"] == "verified" for r in rows)
    sub = json.loads((out / "submission.json").read_text())
    assert sub["rot"][0]["attempt_1"] == [[7], [8]]
    meta = json.loads((out / "run.json").read_text())
    assert meta["dataset_hash"] and meta["backend"] == "search" and meta["programs_per_s"] > 0


def test_a_search_on_some_tasks_records_the_whole_datasets_hash_so_evaluate_accepts_it(tmp_path, monkeypatch, capsys):
    from omni_arc.data import dataset_hash, load_dataset

    out = tmp_path / "run"
    code, _, err = run_omni(monkeypatch, capsys, "search", "-d", "arc-agi-1/training", "--tasks", "74dd1130",
                            "--library-only", "-o", str(out), "--workers", "1")
    assert code == 0, err
    assert json.loads((out / "run.json").read_text())["dataset_hash"] == dataset_hash(load_dataset("arc-agi-1/training"))
    code, _, err = run_omni(monkeypatch, capsys, "evaluate", str(out), "--no-plots", "--html-tasks", "0")
    assert code == 0, err


def test_a_colour_permutation_of_the_input_itself_is_a_search_program():
    task = _task([([[1, 2], [3, 0]], [[2, 3], [1, 0]]), ([[0, 1]], [[0, 2]])], [([[3, 2]], [[1, 3]])])
    groups = _search(task)
    assert groups[0]["kind"] == "primitive" and groups[0]["base"] == "input" and _solves(groups[0], task)
    assert groups[0]["code"] == "def task(grid):\n    out = color_map(grid, {1: 2, 2: 3, 3: 1})\n    return out\n"


def test_a_recursive_library_program_keeps_calling_itself_under_its_new_name():
    src = "def task(grid):\n    return grid if grid.shape[0] < 2 else task(grid[1:])\n"
    group = {"kind": "library", "base": "r", "pre": [], "post": ["flip_left_right({})"]}
    code = program_code(group, {"r": src})
    assert compile_task(code)(G([[1, 2], [3, 4]])).tolist() == [[4, 3]]


# --- per-cell rules learned from the train pairs ------------------------------------------------

def test_each_key_function_gives_one_key_per_cell_and_runs_standalone():
    from omni_arc.search.rules import KEY_FUNCTIONS, sources

    grid = G([[0, 1, 1], [2, 0, 0]])
    for keys in KEY_FUNCTIONS:
        ks = keys(grid)
        assert len(ks) == 6 and all(isinstance(k, tuple) and k[0] == v for k, v in zip(ks, grid.ravel()))
        hash(tuple(ks))  # usable as table keys
        fn = compile_task("\n".join(sources(keys)) + "\ndef task(grid):\n    return keys(grid)\n".replace(
            "keys(", f"{keys.__name__}("))
        assert fn(grid) == ks


def test_a_neighbour_rule_is_learned_and_its_program_runs_standalone():
    inputs = [[[0, 0, 0, 0], [0, 3, 0, 0], [0, 0, 0, 0]], [[0, 0, 0], [0, 0, 0], [0, 0, 5], [0, 0, 0]]]
    test = [[0, 0, 0], [0, 5, 0], [0, 0, 0], [0, 0, 0]]
    task = _task([(a, _ring(a).tolist()) for a in inputs], [(test, _ring(test).tolist())])
    groups = _search(task)
    assert groups and _solves(groups[0], task)
    assert "apply_cell_rule(grid, " in groups[0]["code"] and "def task(grid)" in groups[0]["code"]


def _ring(g):
    """Background cells touching a coloured cell (8 ways) become 4."""
    g = np.asarray(g)
    p = np.pad(g != 0, 1)
    h, w = g.shape
    near = sum(p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w] for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
    return np.where((g == 0) & (near > 0), 4, g)


def test_a_rule_that_would_have_to_guess_on_a_test_input_is_not_a_program():
    from omni_arc.search.operators import CellRule
    from omni_arc.search.rules import colour_keys

    rule = CellRule(colour_keys)
    fitted = fit([G([[1, 2]])], [G([[3, 2]])], [rule])
    assert len(fitted) == 1
    assert finish(fitted, [G([[1, 9]])]) == []  # colour 9 never seen in the train pairs
    assert finish(fitted, [G([[2, 1]])])[0][1] == [[[2, 3]]]


def test_a_rule_that_changes_nothing_is_not_a_program():
    from omni_arc.search.operators import CellRule
    from omni_arc.search.rules import colour_keys

    fitted = fit([G([[1, 2]])], [G([[1, 2]])], [CellRule(colour_keys)])
    assert finish(fitted, [G([[1, 2]])]) == []


def test_the_largest_object_cut_out_is_found_and_runs_standalone():
    task = _task([([[1, 0, 0], [0, 0, 0], [2, 2, 0], [2, 2, 0]], [[2, 2], [2, 2]]),
                  ([[0, 0, 0, 3], [4, 4, 4, 0], [0, 0, 0, 0]], [[4, 4, 4]])],
                 [([[0, 6, 0], [0, 6, 0], [0, 6, 0], [7, 0, 0]], [[6], [6], [6]])])
    found = [g for g in _search(task) if "crop_object(grid, 'largest'" in g["code"]]
    assert found and _solves(found[0], task)


def test_an_object_choice_that_is_not_unique_on_a_test_input_gives_no_program():
    from omni_arc.search.operators import ObjectCrop

    fitted = fit([G([[1, 0, 2, 2, 0, 0, 0]])], [G([[2, 2]])], [ObjectCrop()])
    assert fitted and finish(fitted, [G([[1, 1, 0, 2, 2, 0, 0, 0]])]) == []  # two largest: no single answer


def test_equal_parts_overlaid_by_a_learned_rule_are_found_and_run_standalone():
    def both(a):  # left and right halves (split by a column of 5): 2 where both are coloured
        g = G(a)
        return np.where((g[:, :2] > 0) & (g[:, 3:] > 0), 2, 0).tolist()

    inputs = [[[1, 0, 5, 1, 1], [1, 1, 5, 0, 1]], [[0, 1, 5, 1, 1], [0, 0, 5, 0, 0]]]
    test = [[1, 1, 5, 1, 0], [0, 1, 5, 1, 1]]
    task = _task([(a, both(a)) for a in inputs], [(test, both(test))])
    found = [g for g in _search(task) if "apply_parts_rule(grid, " in g["code"]]
    assert found and _solves(found[0], task)


def test_regions_not_touching_the_border_are_filled_by_a_learned_rule():
    def fill(a):  # background regions enclosed by colour 3 become 4
        g = G(a)
        from omni_arc.search.rules import component_border_keys
        inside = np.array([not t and v == 0 for v, t in component_border_keys(g)]).reshape(g.shape)
        return np.where(inside, 4, g).tolist()

    inputs = [[[3, 3, 3, 0], [3, 0, 3, 0], [3, 3, 3, 0]], [[0, 0, 0, 0, 0], [0, 3, 3, 3, 0], [0, 3, 0, 3, 0], [0, 3, 3, 3, 0]]]
    test = [[3, 3, 3, 0, 0], [3, 0, 3, 0, 0], [3, 0, 3, 0, 0], [3, 3, 3, 0, 0]]
    task = _task([(a, fill(a)) for a in inputs], [(test, fill(test))])
    groups = _search(task)
    assert groups and _solves(groups[0], task)  # fill_enclosed(x, 4) says the same, more simply
    from omni_arc.search.operators import CellRule
    from omni_arc.search.rules import component_border_keys

    fitted = fit([G(a) for a in inputs], [G(fill(a)) for a in inputs], [CellRule(component_border_keys)])
    (step, outs), = finish(fitted, [G(test)])
    assert outs == [fill(test)]
    assert compile_task("\n".join(step.defs) + "\ndef task(grid):\n    return " + step.exprs[0].format("grid") + "\n")(
        G(test)).tolist() == fill(test)


def test_a_mosaic_of_transformed_copies_is_found_and_runs_standalone():
    def four(a):  # the input, its left-right mirror to the right, both upside down below
        g = G(a)
        top = np.concatenate([g, g[:, ::-1]], 1)
        return np.concatenate([top, top[::-1]], 0).tolist()

    inputs = [[[1, 2], [0, 3]], [[4, 0, 0], [5, 6, 0]]]
    test = [[7, 0], [8, 0], [0, 9]]
    task = _task([(a, four(a)) for a in inputs], [(test, four(test))])
    groups = _search(task)
    assert groups and _solves(groups[0], task)
    from omni_arc.search.operators import Mosaic

    (step, outs), = finish(fit([G(a) for a in inputs], [G(four(a)) for a in inputs], [Mosaic()]), [G(test)])
    assert outs == [four(test)] and step.exprs == ("mosaic({}, [[0, 4], [6, 2]])",)
