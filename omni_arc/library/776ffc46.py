"""Blue shapes matching a shape shut inside a grey box take that shape's colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    inside = enclosed_mask(mask_to_grid(grid == 5))
    objects = find_objects(grid)
    keys = [obj for obj in objects if obj.color != 5 and inside[obj.cells[0]]]
    out = grid.copy()
    for obj in select_by_color(objects, 1):
        for key in keys:
            if same_shape(obj, key):
                out = draw_object(out, obj, key.color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((20, 20), dtype=int)
    used = np.zeros((20, 20), dtype=bool)
    if rng.random() < 0.4:  # a box left open by the grid's corner: its shape is no key
        h, w = int(rng.integers(5, 8)), int(rng.integers(5, 8))
        grid[h, :w + 1] = grid[:h + 1, w] = 5
        open_key = _gen.polyomino(rng, int(rng.integers(3, 7)))
        if open_key.shape[0] < h - 1 and open_key.shape[1] < w - 1:
            grid[1:1 + open_key.shape[0], 1:1 + open_key.shape[1]][open_key] = int(rng.choice([2, 3]))
        used[:h + 2, :w + 2] = True
    keys, pieces = [], []
    for _ in range(int(rng.integers(1, 3))):
        key = _gen.polyomino(rng, int(rng.integers(3, 8)))
        if key.shape[0] > 4 or key.shape[1] > 4 or any(k.shape == key.shape and (k == key).all() for k in keys):
            continue
        keys.append(key)
        box = np.full((key.shape[0] + 4, key.shape[1] + 4), 5)
        box[1:-1, 1:-1] = 0
        box[2:-2, 2:-2][key] = int(rng.choice([2, 3]))
        pieces.append(box)
        pieces += [np.where(key, 1, 0)] * int(rng.integers(1, 3))
    while len(pieces) < len(keys) * 3 + 3:
        other = _gen.polyomino(rng, int(rng.integers(3, 8)))
        if not any(k.shape == other.shape and (k == other).all() for k in keys):
            pieces.append(np.where(other, 1, 0))
    for piece in pieces:
        spot = _gen.free_spot(rng, used, *piece.shape)
        if spot is not None:
            grid = paste(grid, piece, *spot)
            used[max(spot[0] - 1, 0):spot[0] + piece.shape[0] + 1, max(spot[1] - 1, 0):spot[1] + piece.shape[1] + 1] = True
    return grid
