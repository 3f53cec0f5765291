"""Program mutations: each kind makes the edit it names, mutants parse, and a seed fixes them."""
from __future__ import annotations

import ast

import numpy as np
import pytest

from omni_arc.mutate import KINDS, compose, mutate, mutation_kinds, primitive_signatures, same_typed
from omni_arc.program import compile_task


def one(src: str, kind: str, seed: int = 0):
    m = mutate(src, np.random.default_rng(seed), kinds=[kind])
    assert m is not None and m.kind == kind
    ast.parse(m.code)
    return m


def test_swap_primitive_picks_a_primitive_with_the_same_annotations():
    src = "def task(grid):\n    return flip_top_bottom(grid)"
    for seed in range(10):
        m = one(src, "swap_primitive", seed)
        name = m.code.split("return ")[1].split("(")[0]
        assert name != "flip_top_bottom" and name in primitive_signatures()
        assert name in same_typed("flip_top_bottom", 1, [])
    assert "erode" not in same_typed("flip_top_bottom", 1, [])  # Mask -> Mask
    assert "swap_colors" in same_typed("replace_color", 3, [])  # (Grid, int, int) -> Grid
    assert same_typed("gravity", 1, ["direction"]) == []  # no other primitive has a str `direction` after a grid


def test_a_local_function_shadowing_a_primitive_is_never_swapped():
    src = "def task(grid):\n    def rotate(g):\n        return g\n    return rotate(grid)"
    assert "swap_primitive" not in mutation_kinds(src)


def test_color_changes_a_colour_argument_to_another_colour():
    m = one("def task(grid):\n    return replace_color(grid, 1, 2)", "color")
    new = ast.parse(m.code).body[0].body[0].value.args
    assert [a.value for a in new[1:]] != [1, 2] and all(0 <= a.value <= 9 for a in new[1:])
    assert "colour" in m.description


def test_constant_moves_a_non_colour_integer_by_one():
    m = one("def task(grid):\n    return tile(grid, 3, 3)", "constant")
    assert m.code in ("def task(grid):\n    return tile(grid, 2, 3)", "def task(grid):\n    return tile(grid, 4, 3)",
                      "def task(grid):\n    return tile(grid, 3, 2)", "def task(grid):\n    return tile(grid, 3, 4)")


def test_drop_removes_a_whole_statement_but_never_the_final_return():
    src = "def task(grid):\n    g = grid.copy()\n    g = flip_top_bottom(g)  # turn\n    return g"
    m = one(src, "drop")
    assert m.code == "def task(grid):\n    g = grid.copy()\n    return g"


def test_duplicate_repeats_a_statement_that_reads_what_it_writes():
    src = "def task(grid):\n    g = rotate(grid)\n    g = rotate(g)\n    return g"
    m = one(src, "duplicate")
    assert m.code == "def task(grid):\n    g = rotate(grid)\n    g = rotate(g)\n    g = rotate(g)\n    return g"
    x = np.arange(6).reshape(2, 3)
    three = compile_task("def task(grid):\n    return rotate(rotate(rotate(grid)))")
    assert np.array_equal(compile_task(m.code)(x), three(x))


def test_swap_args_exchanges_two_same_typed_arguments():
    m = one("def task(grid):\n    return replace_color(grid, 1, 2)", "swap_args")
    assert m.code == "def task(grid):\n    return replace_color(grid, 2, 1)"
    assert "swap_args" not in mutation_kinds("def task(grid):\n    return replace_color(grid, 1, 1)")


def test_mutants_are_deterministic_under_a_seed_and_parse_on_library_programs():
    from omni_arc.library import library_ids, load_solution

    for i, tid in enumerate(library_ids()[:40]):
        src = load_solution(tid).source
        a = mutate(src, np.random.default_rng([7, i]))
        b = mutate(src, np.random.default_rng([7, i]))
        assert a == b
        if a is not None:
            assert a.code != src and a.kind in KINDS
            tree = ast.parse(a.code)
            assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == ["task"]
    seeds = {mutate(load_solution(library_ids()[0]).source, np.random.default_rng(s)) for s in range(20)}
    assert len(seeds) > 1  # different seeds explore different mutants


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown mutation kind"):
        mutate("def task(grid):\n    return grid", np.random.default_rng(0), kinds=["nope"])


def test_compose_runs_the_second_program_on_the_first_ones_output():
    code = compose("def task(grid):\n    return np.fliplr(grid)  # mirror", "def task(grid):\n    return grid + 1")
    assert "# mirror" in code  # the original text is kept
    x = np.array([[1, 2, 3]])
    assert compile_task(code)(x).tolist() == [[4, 3, 2]]
    assert compose("def task(grid):\n    return task(grid)", "def task(grid):\n    return grid") is None
    assert compose("x = 1", "def task(grid):\n    return grid") is None
