"""DSL primitives added while covering library block 1 (ARC-AGI-1 training 007bbfb7..445eab21)."""
import numpy as np

from omni_arc.dsl import *  # noqa: F403 (the namespace programs see)


def test_clusters_joins_cells_one_gap_apart_but_not_two():
    mask = np.array([[1, 0, 1, 0, 0, 1],
                     [0, 0, 0, 0, 0, 0],
                     [0, 1, 0, 0, 0, 0]], dtype=bool)
    groups = clusters(mask)
    assert [cells_of(g) for g in groups] == [[(0, 0), (0, 2), (2, 1)], [(0, 5)]]
    assert len(clusters(mask, gap=0)) == 4  # gap 0: plain 8-connectivity
    assert len(clusters(mask, gap=2)) == 1


def test_clusters_of_an_empty_mask_is_empty():
    assert clusters(np.zeros((2, 2), dtype=bool)) == []
