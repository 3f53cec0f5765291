"""Fit each grey piece up into the hole of the red wall that its top matches, and paint it blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    band = max(r for r, c in cells_of(grid, 2)) + 1
    gaps = grid == 0
    gaps[band:] = False
    holes = components(gaps)

    def fit(piece):
        for hole in holes:
            for c in range(grid.shape[1] - piece.width + 1):
                placed = piece.moved(bbox(hole).top - piece.top, c - piece.left)
                if np.array_equal(placed.grid_mask(grid.shape)[:band], hole[:band]):
                    return placed, hole

    out = replace_color(grid, 5, 0)
    for piece in select_by_color(find_objects(grid), 5):
        placed, hole = fit(piece)
        holes = [h for h in holes if h is not hole]
        out = draw_object(out, placed, 1)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    grid, expected = np.zeros((10, 15), dtype=int), np.zeros((10, 15), dtype=int)
    grid[:3] = expected[:3] = 2
    c, tops, pieces = int(rng.integers(0, 3)), [], []
    for _ in range(30):
        piece = _gen.polyomino(rng, int(rng.integers(2, 7)))
        inside = min(int(rng.integers(1, 3)), piece.shape[0])
        top = piece[:inside]
        if len(pieces) == 4 or c + 2 > 15:
            break
        if piece.shape[0] > 4 or piece.shape[1] > 4 or c + piece.shape[1] > 15 or not top[-1].any() \
                or len(components(top)) > 1 or any(t.shape == top.shape and (t == top).all() for t in tops):
            continue
        tops.append(top)
        r = 3 - inside
        grid[r:r + inside, c:c + piece.shape[1]][top] = 0
        expected[r:r + piece.shape[0], c:c + piece.shape[1]][piece] = 1
        pieces.append(piece)
        c += piece.shape[1] + int(rng.integers(1, 3))
    if not pieces:
        return None
    used = np.zeros((10, 15), dtype=bool)
    used[:5] = True
    for piece in pieces:
        spot = _gen.free_spot(rng, used, *piece.shape)
        if spot is None:
            return None
        used[spot[0]:spot[0] + piece.shape[0], spot[1]:spot[1] + piece.shape[1]] = True
        grid[spot[0]:spot[0] + piece.shape[0], spot[1]:spot[1] + piece.shape[1]][piece] = 5
    try:  # reject inputs where a piece also fits another hole (the greedy fit then fails)
        return grid if np.array_equal(task(grid), expected) else None
    except TypeError:
        return None
