"""The omni-arc DSL: small numpy-based primitives for ARC grids.

A grid is a 2-D numpy array of ints 0..9. No primitive mutates its inputs: each returns a new
grid (or a value). Programs use it as ``from omni_arc.dsl import *`` (see ``omni_arc.program``);
``omni dsl reference`` lists every primitive with its signature and docstring.

Conventions (one name for each thing):

- Arguments: the grid (or mask, or object list) first, then where (mask, box, start, object),
  then the colour: ``fill_mask(grid, mask, color)``, ``fill_rect(grid, box, color)``,
  ``draw_line(grid, start, end, color)``, ``flood_fill(grid, start, color)``.
- Positions are (row, col); boxes are (top, left, bottom, right) with bottom/right excluded.
- Directions are "up", "down", "left", "right", "up_left", "up_right", "down_left",
  "down_right" (or a (drow, dcol) step).
- Rotations turn clockwise: ``rotate(grid, 1)`` is a quarter turn clockwise, negative turns go
  counter-clockwise. The eight symmetries of the square are named after their call, in
  ``TRANSFORMS``: "identity", "rotate_90", "rotate_180", "rotate_270", "flip_left_right",
  "anti_transpose", "flip_top_bottom", "transpose" (``TRANSFORMS[i]`` is ``dihedral(grid, i)``).
  Symmetry kinds (``SYMMETRIES``) and task augmentations use these names.
- Connectivity is always the keyword ``diagonal``, default ``False``: ``False`` counts the 4
  side neighbours, ``True`` all 8, ``"only"`` the 4 corner neighbours.
- The colour that fills empty cells is the keyword ``background`` (default 0).
- Total where possible: positions outside the grid are clipped or ignored, empty inputs give
  empty results or ``None``. A primitive raises ``ValueError`` only for an argument outside its
  domain, and its docstring says so: an unknown name (direction, transform, symmetry kind,
  side), a non-2-D grid, or shapes that cannot fit (``fill_mask``, ``split_into``,
  ``scale_down``, ``overlay``, ``concat_*``).
"""
from omni_arc.dsl.core import Box, Grid, Mask
from omni_arc.dsl.geometry import (
    TRANSFORMS, anti_transpose, dihedral, flip_left_right, flip_top_bottom, gravity, roll, rotate, shift,
    transpose, undo_dihedral,
)
from omni_arc.dsl.color import (
    background_color, color_counts, color_map, content_mask, count_color, count_colors, keep_colors,
    least_common_color, mask_of, mask_to_grid, most_common_color, recolor, replace_color, swap_colors,
    unique_colors,
)
from omni_arc.dsl.grids import (
    bbox, cells_of, compress, concat_horizontal, concat_vertical, crop, crop_to_content, new_grid,
    full_lines, in_grid, join_by_lines, overlay, pad, remove_lines, scale_down, scale_up, separator_color, split_by_lines, split_into, tile,
)
from omni_arc.dsl.objects import (
    Object, direction_to, draw_object, erase, find_objects, move, object_at, object_from_mask, paste, same_shape,
    move_next_to, slide, touches,
)
from omni_arc.dsl.drawing import (
    DIRECTIONS, connect, draw_line, draw_ray, draw_rect, fill_mask, fill_rect, flood_fill,
)
from omni_arc.dsl.symmetry import (
    SYMMETRIES, complete_symmetry, is_symmetric, mirror_around, mirror_extend, symmetries,
)
from omni_arc.dsl.patterns import complete_pattern, find_pattern, period
from omni_arc.dsl.paths import draw_walk, walk
from omni_arc.dsl.regions import (
    boundary, clusters, components, count_holes, largest_rectangle, dilate, enclosed_mask, erode, fill_enclosed, holes,
    neighbor_count, neighbors, outline, touches_border,
)
from omni_arc.dsl.select import (
    group_by, largest, max_by, min_by, odd_one_out, select_by_color, select_by_size, shape_key,
    smallest, sort_by,
)

__all__ = [
    # types and constants
    "Box", "Grid", "Mask", "Object", "DIRECTIONS", "SYMMETRIES", "TRANSFORMS",
    # geometry
    "rotate", "flip_left_right", "flip_top_bottom", "transpose", "anti_transpose", "shift", "roll",
    "dihedral", "undo_dihedral", "gravity",
    # colour
    "color_counts", "unique_colors", "count_color", "count_colors", "most_common_color",
    "least_common_color", "background_color", "replace_color", "recolor", "color_map",
    "swap_colors", "mask_of", "content_mask", "mask_to_grid", "keep_colors",
    # grids
    "new_grid", "bbox", "crop", "crop_to_content", "separator_color", "split_by_lines", "split_into",
    "join_by_lines",
    "tile", "scale_up", "scale_down", "concat_horizontal", "concat_vertical", "pad", "overlay",
    "compress", "remove_lines", "full_lines", "cells_of", "in_grid",
    # objects
    "find_objects", "object_from_mask", "paste", "draw_object", "erase", "move", "same_shape",
    "touches", "object_at", "direction_to", "slide", "move_next_to",
    # drawing
    "fill_mask", "connect", "draw_line", "draw_ray", "draw_rect", "fill_rect", "flood_fill",
    # symmetry
    "is_symmetric", "symmetries", "complete_symmetry", "mirror_extend", "mirror_around",
    # patterns
    "period", "complete_pattern", "find_pattern",
    # paths
    "walk", "draw_walk",
    # regions
    "enclosed_mask", "fill_enclosed", "holes", "count_holes", "components", "clusters", "neighbor_count", "neighbors",
    "dilate", "erode", "outline", "boundary", "touches_border", "largest_rectangle",
    # selection
    "sort_by", "max_by", "min_by", "largest", "smallest", "select_by_color", "select_by_size",
    "group_by", "odd_one_out", "shape_key",
]
