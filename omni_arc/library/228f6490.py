"""A piece of a one-off colour that exactly fits a hole of a grey shape moves into that hole; repeated colours are distractors."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


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


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    h, w = int(rng.integers(10, 15)), int(rng.integers(10, 15))
    grid = np.zeros((h, w), dtype=int)
    colors = _gen.colors(rng, 3, exclude=(0, 5))
    shapes = []
    for color in colors[:2]:
        hole = _gen.polyomino(rng, int(rng.integers(2, 6)))
        if any(s.shape == hole.shape and (s == hole).all() for s in shapes):
            continue
        shapes.append(hole)
        wall = int(rng.integers(1, 3))
        frame = np.full((hole.shape[0] + 2 * wall, hole.shape[1] + 2 * wall), 5)
        frame[wall:-wall, wall:-wall][hole] = 0
        pieces = [(frame, False), (np.where(hole, color, 0), True)]
        for patch, transparent in pieces:
            spot = _gen.free_spot(rng, grid != 0, *patch.shape, margin=1)
            if spot is None:
                return None
            grid = paste(grid, patch, *spot, transparent=0)
    for _ in range(int(rng.integers(2, 4))):  # distractors: pieces of one repeated colour
        piece = _gen.polyomino(rng, int(rng.integers(1, 5)))
        spot = _gen.free_spot(rng, grid != 0, *piece.shape, margin=1)
        if spot is not None:
            grid = paste(grid, np.where(piece, colors[2], 0), *spot, transparent=0)
    if len(find_objects(grid == colors[2])) == 1:
        return None
    return grid
