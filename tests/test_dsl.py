"""The DSL: behaviour of the primitives on ordinary and edge cases (docstrings hold the basic examples)."""
import numpy as np
import pytest

import omni_arc.dsl as dsl
from omni_arc.dsl import *  # noqa: F403 (the namespace programs see)


def g(rows):
    return np.array(rows)


def test_all_exports_exist_and_have_one_line_docstrings_with_examples():
    for name in dsl.__all__:
        obj = getattr(dsl, name)
        if callable(obj) and not isinstance(obj, type) and name not in ("Grid", "Mask"):
            doc = obj.__doc__ or ""
            assert doc.strip(), name
            assert ">>>" in doc, f"{name} has no doctest example"


@pytest.mark.parametrize("call", [
    lambda x: rotate(x), lambda x: flip_left_right(x), lambda x: shift(x, 1, 1), lambda x: roll(x, 1, 0),
    lambda x: replace_color(x, 1, 2), lambda x: recolor(x, 5), lambda x: color_map(x, {1: 3}),
    lambda x: fill_mask(x, x == 1, 4), lambda x: draw_line(x, (0, 0), (1, 1), 7), lambda x: draw_rect(x, (0, 0, 2, 2), 3),
    lambda x: flood_fill(x, (0, 0), 9), lambda x: fill_enclosed(x, 6), lambda x: paste(x, [[8]], 0, 0),
    lambda x: crop(x, (0, 0, 1, 1)), lambda x: complete_symmetry(x), lambda x: draw_ray(x, (0, 0), "down", 2),
    lambda x: erase(x, find_objects(x)[0]), lambda x: move(x, find_objects(x)[0], 1, 0),
    lambda x: keep_colors(x, [1]), lambda x: fill_rect(x, (0, 0, 1, 1), 4),
])
def test_primitives_never_mutate_their_input(call):
    grid = g([[1, 0, 1], [0, 1, 0], [1, 1, 0]])
    before = grid.copy()
    out = call(grid)
    assert (grid == before).all()
    assert out is not grid
    out[...] = 0  # the result does not share memory with the input either
    assert (grid == before).all()


def test_lists_are_accepted_as_grids():
    assert rotate([[1, 2]]).tolist() == [[1], [2]]


def test_rotate_and_dihedral_cover_the_eight_symmetries():
    x = g([[1, 2, 3], [4, 5, 6]])
    assert rotate(x, 4).tolist() == x.tolist()
    assert rotate(x, -1).tolist() == rotate(x, 3).tolist()
    images = {dihedral(x, i).tobytes() + bytes(dihedral(x, i).shape) for i in range(8)}
    assert len(images) == 8
    assert dihedral(x, 6).tolist() == flip_top_bottom(x).tolist()
    with pytest.raises(ValueError):
        dihedral(x, 8)


def test_shift_past_the_edge_leaves_only_fill():
    assert shift([[1, 2], [3, 4]], 5, 0, background=7).tolist() == [[7, 7], [7, 7]]
    assert shift([[1, 2], [3, 4]], -1, -1).tolist() == [[4, 0], [0, 0]]


def test_colour_queries_on_edge_cases():
    x = g([[0, 0, 1], [2, 2, 1]])
    assert most_common_color(x) == 0  # ties go to the smaller colour
    assert least_common_color(x, exclude=0) == 1
    assert most_common_color([[0, 0]], exclude=0) is None
    assert unique_colors(x, exclude=[0, 2]) == [1]
    assert count_color(x, 9) == 0
    assert color_map(x, {0: 1, 1: 0}).tolist() == [[1, 1, 0], [2, 2, 0]]


def test_find_objects_options():
    x = g([[1, 0, 0],
           [0, 1, 2],
           [0, 0, 2]])
    assert [o.size for o in find_objects(x)] == [1, 1, 2]
    assert [o.size for o in find_objects(x, diagonal=True)] == [2, 2]
    assert [o.colors for o in find_objects(x, diagonal=True, by_color=False)] == [[1, 2]]
    assert sum(o.size for o in find_objects(x, background=None)) == 9
    assert find_objects(np.zeros((3, 3), int)) == []


def test_object_properties_and_crop():
    x = g([[0, 0, 0, 0],
           [0, 3, 3, 0],
           [0, 3, 0, 0]])
    (o,) = find_objects(x)
    assert (o.top, o.left, o.height, o.width, o.size, o.color) == (1, 1, 2, 2, 3, 3)
    assert o.crop().tolist() == [[3, 3], [3, 0]]
    assert o.cells == [(1, 1), (1, 2), (2, 1)]
    assert not o.is_rectangle
    assert o.grid_mask(x.shape).sum() == 3
    assert o.recolored(5).crop().tolist() == [[5, 5], [5, 0]]
    assert crop(x, o.bbox).tolist() == o.crop().tolist()


def test_objects_with_non_zero_background():
    x = g([[7, 7, 7], [7, 1, 7]])
    (o,) = find_objects(x, background=7)
    assert o.crop().tolist() == [[1]]
    assert erase(x, o).tolist() == [[7, 7, 7], [7, 7, 7]]


def test_paste_and_draw_clip_at_the_edges():
    x = np.zeros((2, 2), int)
    assert paste(x, [[1, 2], [3, 4]], 1, 1).tolist() == [[0, 0], [0, 1]]
    assert paste(x, [[1, 2], [3, 4]], -1, -1).tolist() == [[4, 0], [0, 0]]
    assert paste(x, [[1]], 5, 5).tolist() == [[0, 0], [0, 0]]
    assert paste([[9, 9]], [[0, 1]], 0, 0, transparent=0).tolist() == [[9, 1]]
    assert draw_line(x, (-1, 0), (3, 0), 5).tolist() == [[5, 0], [5, 0]]
    assert flood_fill(x, (9, 9), 3).tolist() == [[0, 0], [0, 0]]
    (o,) = find_objects([[4]])
    assert draw_object(x, o.moved(10, 10)).tolist() == [[0, 0], [0, 0]]


def test_move_keeps_the_object_shape_and_clears_its_old_place():
    x = g([[2, 2, 0, 0]])
    assert move(x, find_objects(x)[0], 0, 1).tolist() == [[0, 2, 2, 0]]


def test_rays_stop_at_obstacles_or_edges():
    x = g([[0, 0, 0, 0], [0, 0, 3, 0]])
    assert draw_ray(x, (1, 0), "right", 1, background=0).tolist() == [[0, 0, 0, 0], [0, 1, 3, 0]]
    assert draw_ray(x, (1, 0), (-1, 1), 4).tolist() == [[0, 4, 0, 0], [0, 0, 3, 0]]
    with pytest.raises(ValueError):
        draw_ray(x, (0, 0), "sideways", 1)


def test_crop_to_content_and_bbox_of_empty_grids():
    assert bbox(np.zeros((2, 2), int)) is None
    assert crop_to_content(np.zeros((2, 2), int)).shape == (0, 0)
    assert bbox([[False, True]]) == Box(0, 1, 1, 2)
    assert crop_to_content([[5, 5], [5, 1]], background=5).tolist() == [[1]]


def test_split_by_lines_finds_separators_and_handles_none():
    x = g([[1, 1, 5, 2, 2],
           [5, 5, 5, 5, 5],
           [3, 3, 5, 4, 4]])
    cells = split_by_lines(x)
    assert [c.tolist() for c in cells] == [[[1, 1]], [[2, 2]], [[3, 3]], [[4, 4]]]
    assert len(split_by_lines(x, flat=False)) == 2
    assert [c.tolist() for c in split_by_lines([[1, 2]])] == [[[1, 2]]]
    halves = split_by_lines(g([[1, 0, 2], [0, 0, 2]]), color=None)  # columns of 0 and of 2: the smaller colour wins
    assert [h.tolist() for h in halves] == [[[1], [0]], [[2], [2]]]
    assert separator_color([[1, 2], [3, 4]]) is None


def test_split_into_and_scale_down_reject_uneven_sizes():
    with pytest.raises(ValueError):
        split_into(np.zeros((3, 3), int), 2, 1)
    with pytest.raises(ValueError):
        scale_down(np.zeros((3, 3), int), 2)
    assert scale_down(scale_up([[1, 2], [3, 4]], 3), 3).tolist() == [[1, 2], [3, 4]]
    assert scale_up([[1]], 1, 3).tolist() == [[1, 1, 1]]


def test_compress_and_remove_lines():
    assert compress([[1, 1], [1, 1]]).tolist() == [[1]]
    assert remove_lines([[0, 0], [0, 0]], 0).shape == (0, 0)


def test_symmetry_detection_and_completion():
    x = g([[1, 2, 2, 1], [3, 4, 4, 3]])
    assert symmetries(x) == ["flip_left_right"]
    assert is_symmetric([[1, 2], [2, 1]], "transpose")
    assert not is_symmetric(x, "rotate_90")  # not square: false, no error
    hidden = x.copy()
    hidden[1, 3] = 0
    assert complete_symmetry(hidden).tolist() == x.tolist()
    with pytest.raises(ValueError):
        is_symmetric(x, "sideways")
    assert mirror_extend([[1], [2]], "down").tolist() == [[1], [2], [2], [1]]


def test_enclosed_regions_and_holes():
    x = g([[1, 1, 1, 0],
           [1, 0, 1, 0],
           [1, 1, 1, 0]])
    assert enclosed_mask(x).sum() == 1
    assert count_holes(find_objects(x)[0]) == 1
    leaky = g([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    assert enclosed_mask(leaky).sum() == 1
    assert enclosed_mask(leaky, diagonal=True).sum() == 0
    assert fill_enclosed(np.zeros((2, 2), int), 3).tolist() == [[0, 0], [0, 0]]


def test_masks_grow_shrink_and_count_neighbours():
    m = np.zeros((3, 3), bool)
    m[1, 1] = True
    assert dilate(m).sum() == 5 and dilate(m, diagonal=True).sum() == 9
    assert erode(m).sum() == 0
    assert outline(m, diagonal=False).sum() == 4
    assert neighbor_count(m, diagonal=True)[0, 0] == 1 and neighbor_count(m, diagonal=False)[0, 0] == 0
    assert len(components([[True, False], [False, True]], diagonal=True)) == 1


def test_selection_is_total_on_empty_lists():
    assert largest([]) is None and smallest([]) is None and max_by([], "size") is None
    assert sort_by([], "size") == [] and group_by([], "color") == {}
    assert odd_one_out([], "color") is None


def test_selection_by_properties():
    objs = find_objects(g([[1, 0, 2, 2, 0, 1], [0, 0, 0, 0, 0, 1]]))
    assert [o.color for o in sort_by(objs, "size")] == [1, 2, 1]
    assert [o.left for o in sort_by(objs, lambda o: -o.left)] == [5, 2, 0]
    assert odd_one_out(objs, "color").color == 2
    assert odd_one_out(objs, shape_key) is None  # all three shapes differ
    assert largest(objs).size == 2 and largest(objs).color == 2  # first on ties
    assert len(select_by_size(objs, 2)) == 2
    assert object_at(objs, 1, 5).color == 1 and object_at(objs, 1, 0) is None
    a, b, c = objs
    assert touches(a, a) and not touches(a, b)


def test_holes_are_objects_in_grid_coordinates():
    x = g([[0, 0, 0, 0, 0, 0],
           [0, 1, 1, 1, 1, 1],
           [0, 1, 0, 1, 0, 1],
           [0, 1, 1, 1, 0, 1],
           [0, 1, 1, 1, 1, 1]])
    frame = find_objects(x)[0]
    hs = holes(frame)
    assert [h.cells for h in hs] == [[(2, 2)], [(2, 4), (3, 4)]]
    assert count_holes(frame) == 2
    assert holes(find_objects([[1, 1]])[0]) == []


def test_period_and_complete_pattern():
    assert period([[1, 2, 3, 1, 2]], axis=1) == 3
    assert period([[1], [2], [3]]) == 3  # nothing repeats: the full length
    assert period([[1], [0], [1], [2]], unknown=0) == 2
    assert period([[1], [0], [1], [2]]) == 4
    tiled = tile([[1, 2], [3, 4]], 3, 3)
    holed = tiled.copy()
    holed[1:3, 2:5] = 0
    assert complete_pattern(holed).tolist() == tiled.tolist()
    assert complete_pattern(np.zeros((2, 2), int)).tolist() == [[0, 0], [0, 0]]


def test_connect_joins_aligned_pairs_only_over_background():
    x = g([[4, 0, 5, 0, 4],
           [0, 0, 0, 0, 0],
           [4, 0, 0, 0, 0]])
    assert connect(x, 4).tolist() == [[4, 4, 5, 4, 4], [4, 0, 0, 0, 0], [4, 0, 0, 0, 0]]
    assert connect(x, 4, diagonal="only").tolist() == x.tolist()  # no two 4s on a diagonal
    assert connect([[4, 0, 0], [0, 0, 0], [0, 0, 4]], 4, 1, diagonal="only").tolist() == [[4, 0, 0], [0, 1, 0], [0, 0, 4]]
    assert connect([[4, 0, 0]], 4).tolist() == [[4, 0, 0]]  # a lone cell connects to nothing
    with pytest.raises(ValueError):
        connect(x, 4, diagonal="curvy")


def test_gravity_in_all_directions():
    x = g([[1, 0, 0], [0, 2, 0], [3, 0, 4]])
    assert gravity(x, "down").tolist() == [[0, 0, 0], [1, 0, 0], [3, 2, 4]]
    assert gravity(x, "left").tolist() == [[1, 0, 0], [2, 0, 0], [3, 4, 0]]
    assert gravity(x, "up").tolist() == [[1, 2, 4], [3, 0, 0], [0, 0, 0]]
    assert gravity(x, "right").tolist() == [[0, 0, 1], [0, 0, 2], [0, 3, 4]]
    assert gravity([[5, 5], [0, 5]], "down", background=5).tolist() == [[5, 5], [0, 5]]


def test_slide_stops_at_obstacles_and_edges():
    x = g([[2, 0, 0, 0],
           [0, 0, 0, 0],
           [0, 0, 0, 7]])
    two, seven = find_objects(x)
    assert slide(x, two, "down").tolist() == [[0, 0, 0, 0], [0, 0, 0, 0], [2, 0, 0, 7]]
    assert slide(x, seven, "left").tolist() == [[2, 0, 0, 0], [0, 0, 0, 0], [7, 0, 0, 0]]
    assert slide(x, two, (1, 1)).tolist() == [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 2, 7]]
    assert direction_to(two, seven) == (1, 1) and direction_to(two, two) == (0, 0)


def test_move_next_to_passes_over_obstacles():
    x = g([[3, 0, 9, 0, 0, 6]])
    three, nine, six = find_objects(x)
    assert move_next_to(x, three, six).tolist() == [[0, 0, 9, 0, 3, 6]]
    diagonal = g([[3, 0], [0, 6]])
    a, b = find_objects(diagonal)
    assert move_next_to(diagonal, a, b).tolist() == diagonal.tolist()


def test_neighbors_by_connectivity():
    m = np.zeros((3, 3), bool)
    m[0, 0] = True
    assert neighbors(m, diagonal=False).astype(int).tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
    assert neighbors(m, diagonal="only").astype(int).tolist() == [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    assert neighbors(m, diagonal=True).sum() == 3
    with pytest.raises(ValueError):
        neighbors(m, diagonal="far")


def test_join_by_lines_inverts_split_by_lines():
    x = g([[1, 2, 5, 3, 3],
           [5, 5, 5, 5, 5],
           [4, 4, 5, 6, 7]])
    assert join_by_lines(split_by_lines(x, 5, flat=False), 5).tolist() == x.tolist()


def test_complete_symmetry_about_an_off_centre_axis():
    x = g([[0, 1, 2, 0, 0, 5],
           [0, 3, 4, 4, 0, 5]])
    # mirror axis between columns 2 and 3: column 1 <-> 4, column 0 <-> 5
    out = complete_symmetry(x, unknown=0, kinds=["flip_left_right"], center=(0, 2.5))
    assert out.tolist() == [[5, 1, 2, 2, 1, 5], [5, 3, 4, 4, 3, 5]]
    # images outside the grid leave cells unknown
    assert complete_symmetry([[7, 0, 0]], kinds=["flip_left_right"], center=(0, 0)).tolist() == [[7, 0, 0]]


def test_largest_rectangle_respects_minimum_sides():
    m = g([[1, 1, 1, 1, 1],
           [0, 1, 1, 0, 0],
           [0, 1, 1, 0, 1]]) == 1
    assert largest_rectangle(m) == Box(0, 1, 3, 3)  # 3x2 beats the 1x5 top row
    assert largest_rectangle(m, min_width=3) == Box(0, 0, 1, 5)
    assert largest_rectangle([[True, False, True]]) == Box(0, 0, 1, 1)  # ties: first in reading order
    assert largest_rectangle(np.zeros((2, 2), bool)) is None
    assert largest_rectangle(m, min_height=4) is None


def test_fill_mask_takes_grid_then_where_then_colour_like_the_other_fills():
    x = g([[0, 0], [0, 0]])
    where = g([[1, 0], [0, 0]]).astype(bool)
    assert fill_mask(x, where, 5).tolist() == fill_rect(x, (0, 0, 1, 1), 5).tolist() == [[5, 0], [0, 0]]
    with pytest.raises(ValueError):
        fill_mask(x, [[True]], 5)
    import inspect

    for f, where in [(fill_mask, ["mask"]), (fill_rect, ["box"]), (draw_rect, ["box"]), (flood_fill, ["start"]),
                     (draw_line, ["start", "end"]), (draw_ray, ["start", "direction"])]:
        assert list(inspect.signature(f).parameters)[:len(where) + 2] == ["grid", *where, "color"], f.__name__


def test_connectivity_is_one_keyword_with_one_default():
    """Every primitive that asks which cells are neighbours takes ``diagonal`` (default False: 4 sides)."""
    import inspect

    takers = [name for name in dsl.__all__ if inspect.isfunction(getattr(dsl, name))
              and "diagonal" in inspect.signature(getattr(dsl, name)).parameters]
    assert {"find_objects", "flood_fill", "neighbors", "neighbor_count", "outline", "connect", "components",
            "dilate", "erode", "boundary", "touches", "enclosed_mask", "fill_enclosed"} <= set(takers)
    for name in takers:
        assert inspect.signature(getattr(dsl, name)).parameters["diagonal"].default is False, name
    for name in dsl.__all__:
        if inspect.isfunction(getattr(dsl, name)):
            assert "lines" not in inspect.signature(getattr(dsl, name)).parameters, name


def test_diagonal_only_means_the_corners():
    x = g([[1, 0], [0, 1]])
    assert [o.size for o in find_objects(x, diagonal="only")] == [2]
    assert [o.size for o in find_objects(g([[1, 1]]), diagonal="only")] == [1, 1]
    m = np.zeros((3, 3), bool)
    m[1, 1] = True
    assert neighbor_count(m, diagonal="only").astype(int).tolist() == [[1, 0, 1], [0, 0, 0], [1, 0, 1]]
    assert outline(m, diagonal=False).sum() == 4 and outline(m, diagonal=True).sum() == 8


def test_transforms_are_named_after_the_call_that_does_them():
    x = g([[1, 2, 3], [4, 5, 6]])
    calls = {"identity": x, "rotate_90": rotate(x, 1), "rotate_180": rotate(x, 2), "rotate_270": rotate(x, 3),
             "flip_left_right": flip_left_right(x), "flip_top_bottom": flip_top_bottom(x),
             "transpose": transpose(x), "anti_transpose": anti_transpose(x)}
    assert set(TRANSFORMS) == set(calls)
    for i, name in enumerate(TRANSFORMS):
        assert dihedral(x, i).tolist() == dihedral(x, name).tolist() == calls[name].tolist(), name
        assert undo_dihedral(dihedral(x, name), name).tolist() == x.tolist(), name
    assert rotate([[1, 2]]).tolist() == [[1], [2]]  # clockwise: the left cell goes to the top
    assert set(SYMMETRIES) <= set(TRANSFORMS)
    with pytest.raises(ValueError):
        dihedral(x, "rotate_45")


def test_symmetry_kinds_use_the_transform_names():
    sym = g([[1, 2], [2, 1]])
    for kind in SYMMETRIES:
        assert is_symmetric(sym, kind) == (dihedral(sym, kind).tolist() == sym.tolist()), kind
    assert symmetries(sym) == ["transpose", "anti_transpose", "rotate_180"]


def test_max_by_and_min_by_keep_the_first_on_ties_like_the_builtins():
    objs = find_objects(g([[1, 0, 2, 0, 3, 3]]))
    assert max_by(objs, "size").color == 3 and min_by(objs, "size").color == 1
    assert max_by(objs, lambda o: 0) is objs[0] and min_by(objs, lambda o: 0) is objs[0]
    assert min_by([], "size") is None
