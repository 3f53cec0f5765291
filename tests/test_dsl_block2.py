"""DSL primitives added while covering library block 2 (ARC-AGI-1 training 447fd412..8403a5d5)."""
import numpy as np

from omni_arc.dsl import *  # noqa: F403 (the namespace programs see)


def test_mirror_around_reflects_a_corner_shape_into_all_four_corners_of_a_centre_box():
    grid = np.array([[2, 2, 0, 0, 0],
                     [0, 2, 0, 0, 0],
                     [0, 0, 3, 0, 0],
                     [0, 0, 0, 0, 0],
                     [0, 0, 0, 0, 0]])
    assert mirror_around(grid, (2, 2, 3, 3)).tolist() == [[2, 2, 0, 2, 2],
                                                          [0, 2, 0, 2, 0],
                                                          [0, 0, 3, 0, 0],
                                                          [0, 2, 0, 2, 0],
                                                          [2, 2, 0, 2, 2]]


def test_mirror_around_an_even_box_keeps_existing_cells_and_drops_images_off_the_grid():
    grid = np.array([[1, 0, 0, 0],
                     [0, 4, 4, 0],
                     [0, 4, 4, 0]])
    out = mirror_around(grid, (1, 1, 3, 3))
    assert out.tolist() == [[1, 0, 0, 1],
                            [0, 4, 4, 0],
                            [0, 4, 4, 0]]
    assert grid[0, 3] == 0  # input untouched


def test_find_pattern_lists_every_match_in_reading_order_with_transparent_cells_as_wildcards():
    grid = np.array([[4, 0, 4, 0],
                     [0, 0, 0, 0],
                     [4, 8, 4, 4]])
    assert find_pattern(grid, [[4, 0, 4]], transparent=0) == [(0, 0), (2, 0)]
    assert find_pattern(grid, [[4, 0, 4]]) == [(0, 0)]


def test_find_pattern_returns_nothing_for_a_pattern_larger_than_the_grid():
    assert find_pattern([[1, 1]], [[1], [1]]) == []


def test_full_lines_finds_rows_and_columns_without_background_even_across_colours():
    grid = np.array([[0, 3, 0, 0],
                     [2, 3, 2, 2],
                     [0, 3, 0, 0]])
    assert full_lines(grid) == [1]
    assert full_lines(grid, axis=1) == [1]
    assert full_lines(np.full((2, 2), 5), background=5) == []
