"""DSL primitives added while covering library block 4 (ARC-AGI-1 training beb8660c..ff805c23)."""
import numpy as np

from omni_arc.dsl import *  # noqa: F403 (the namespace programs see)


def test_undo_dihedral_turns_every_one_of_the_eight_symmetries_back():
    grid = np.array([[1, 2, 3],
                     [4, 5, 6]])
    for index in range(8):
        assert undo_dihedral(dihedral(grid, index), index).tolist() == grid.tolist()


def test_undo_dihedral_of_a_quarter_turn_is_a_quarter_turn_the_other_way():
    grid = np.array([[1, 2],
                     [0, 0]])
    assert undo_dihedral(grid, 1).tolist() == rotate(grid, -1).tolist() == [[2, 0], [1, 0]]


def test_in_grid_tells_cells_of_the_grid_from_positions_outside_it():
    grid = np.zeros((2, 3), dtype=int)
    assert in_grid(grid, 0, 0) and in_grid(grid, 1, 2)
    assert not in_grid(grid, 2, 0)
    assert not in_grid(grid, 0, 3)
    assert not in_grid(grid, -1, 1)
