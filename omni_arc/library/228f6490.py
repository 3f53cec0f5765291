"""A piece of a one-off colour that exactly fits a hole of a grey shape moves into that hole; repeated colours are distractors."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    objects = find_objects(grid)
    by_color = group_by(objects, "color")
    out = grid.copy()
    for frame in select_by_color(objects, 5):
        for hole in holes(frame):
            for piece in objects:
                if piece.color != 5 and len(by_color[piece.color]) == 1 and same_shape(piece, hole):
                    out = move(out, piece, hole.top - piece.top, hole.left - piece.left)
    return out
