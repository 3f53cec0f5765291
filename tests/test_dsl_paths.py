"""The path walker: step from a cell until blocked, turning there by a rule (walk, draw_walk)."""
import numpy as np
import pytest

from omni_arc.dsl import *  # noqa: F403 (the namespace programs see)


def test_a_walk_runs_straight_to_the_edge_without_its_start():
    assert walk([[0, 0, 0, 0]], (0, 1), "right") == [(0, 2), (0, 3)]
    assert walk([[0, 0, 0, 0]], (0, 1), (0, -1)) == [(0, 0)]


def test_stop_ends_the_walk_in_front_of_the_first_wall():
    assert walk([[0, 0, 0, 4, 0]], (0, 0), "right") == [(0, 1), (0, 2)]
    assert walk([[0, 0, 0, 4, 0]], (0, 0), "right", walls=7) == [(0, 1), (0, 2), (0, 3), (0, 4)]


def test_right_and_left_turn_a_quarter_in_front_of_a_wall():
    grid = [[0, 0, 5],
            [0, 0, 0],
            [0, 0, 0]]
    assert walk(grid, (2, 0), "up_right", turn="right") == [(1, 1), (2, 2)]
    assert walk(grid, (0, 0), "right", turn="right") == [(0, 1), (1, 1), (2, 1)]
    assert walk(grid, (2, 1), "up", turn="left", edge="wall", max_steps=3) == [(1, 1), (0, 1), (0, 0)]


def test_turning_tries_again_until_a_way_is_open():
    grid = [[5, 0, 5],
            [5, 0, 5],
            [5, 5, 5]]
    assert walk(grid, (0, 1), "down", turn="right") == [(1, 1), (0, 1)]  # right and left are walls too: it turns back


def test_a_diagonal_bounces_off_a_wall_by_flipping_the_blocked_axis():
    grid = [[0, 0, 0, 2],
            [0, 0, 0, 2],
            [0, 0, 0, 2],
            [0, 0, 0, 2]]
    assert walk(grid, (3, 0), "up_right", walls=2, turn="bounce") == [(2, 1), (1, 2), (0, 1)]


def test_a_diagonal_that_hits_a_corner_head_on_comes_straight_back():
    grid = [[0, 0, 7],
            [0, 0, 0],
            [0, 0, 0]]
    assert walk(grid, (2, 0), "up_right", turn="bounce") == [(1, 1), (2, 0)]


def test_a_straight_walk_bounces_back_and_ends_before_repeating_itself():
    path = walk([[3, 0, 0, 3]], (0, 1), "right", turn="bounce")
    assert path == [(0, 2), (0, 1)]


def test_the_edge_blocks_like_a_wall_when_asked():
    zigzag = walk(new_grid(5, 3), (4, 0), "up_right", edge="wall", turn="bounce", max_steps=4)
    assert zigzag == [(3, 1), (2, 2), (1, 1), (0, 0)]
    assert walk(new_grid(1, 3), (0, 0), "right", edge="wall", turn="stop") == [(0, 1), (0, 2)]


def test_a_stop_cell_ends_the_walk_as_its_last_cell_and_keeps_its_colour_when_drawn():
    grid = np.array([[0, 0, 2, 0]])
    assert walk(grid, (0, 0), "right", stop_at=2) == [(0, 1), (0, 2)]
    assert draw_walk(grid, (0, 0), "right", 3, stop_at=2).tolist() == [[0, 3, 2, 0]]


def test_a_function_chooses_the_new_step():
    grid = [[0, 0, 0],
            [0, 0, 0],
            [8, 0, 0]]
    always_up = lambda r, c, step: (-1, 0)
    assert walk(grid, (0, 0), "down", turn=always_up) == [(1, 0), (0, 0)]
    assert walk(grid, (1, 0), "down", turn=lambda r, c, step: (0, 0)) == []


def test_max_steps_caps_the_walk_and_loops_end_it():
    assert walk(new_grid(1, 9), (0, 0), "right", max_steps=3) == [(0, 1), (0, 2), (0, 3)]
    ring = walk(new_grid(3, 3), (0, 0), "right", edge="wall", turn="right")
    assert ring == [(0, 1), (0, 2), (1, 2), (2, 2), (2, 1), (2, 0), (1, 0), (0, 0)]


def test_a_walker_boxed_in_from_the_start_goes_nowhere():
    grid = [[1, 1, 1],
            [1, 0, 1],
            [1, 1, 1]]
    assert walk(grid, (1, 1), "up", turn="right") == []
    assert draw_walk(grid, (1, 1), "up", 4, turn="right").tolist() == grid


def test_draw_walk_paints_a_copy_and_leaves_the_input_alone():
    grid = np.array([[0, 0, 0],
                     [0, 0, 0]])
    out = draw_walk(grid, (0, 0), "down_right", 6)
    assert out.tolist() == [[0, 0, 0], [0, 6, 0]]
    assert grid.tolist() == [[0, 0, 0], [0, 0, 0]]


def test_unknown_rules_are_value_errors():
    with pytest.raises(ValueError):
        walk([[0]], (0, 0), "right", turn="sideways")
    with pytest.raises(ValueError):
        walk([[0]], (0, 0), "right", edge="wrap")
    with pytest.raises(ValueError):
        walk([[0]], (0, 0), "north")
