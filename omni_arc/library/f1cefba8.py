"""Each notch in the frame marks a line: inside the inner block it takes the frame colour, outside the frame it continues in the inner colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    shape = bbox(grid)
    frame = grid[shape.top, shape.left]
    inner_color = unique_colors(grid, exclude=[0, frame])[0]
    inner = largest_rectangle(grid == inner_color)
    out = np.where(grid == inner_color, frame, grid)
    out = fill_rect(out, inner, inner_color)
    for r, c in cells_of(grid, inner_color):
        if inner.top <= r < inner.bottom and not inner.left <= c < inner.right:
            out[r, inner.left:inner.right] = frame
            out[r, :shape.left] = out[r, shape.right:] = inner_color
        elif inner.left <= c < inner.right and not inner.top <= r < inner.bottom:
            out[inner.top:inner.bottom, c] = frame
            out[:shape.top, c] = out[shape.bottom:, c] = inner_color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    height, width = int(rng.integers(13, 20)), int(rng.integers(13, 19))
    frame, inner = _gen.colors(rng, 2)
    top, left = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    bottom, right = int(rng.integers(top + 9, height)), int(rng.integers(left + 9, width))
    grid = fill_rect(np.zeros((height, width), dtype=int), (top, left, bottom, right), frame)
    t, l, b, r = top + 2, left + 2, bottom - 2, right - 2
    grid = fill_rect(grid, (t, l, b, r), inner)
    rows = rng.permutation(np.arange(t + 1, b - 1))[:int(rng.integers(0, 3))]
    cols = rng.permutation(np.arange(l + 1, r - 1))[:int(rng.integers(1 if len(rows) == 0 else 0, 3))]
    if len(rows) == 2 and abs(rows[0] - rows[1]) < 2 or len(cols) == 2 and abs(cols[0] - cols[1]) < 2:
        return None
    for row in rows:
        grid[row, l - 1 if rng.random() < 0.5 else r] = inner
    for col in cols:
        grid[t - 1 if rng.random() < 0.5 else b, col] = inner
    return grid
