"""Scale up by the number of colours, then shoot red diagonals out of the square's corners across black."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = count_colors(grid, exclude=0)
    out = scale_up(grid, n)
    box = bbox(scale_up(grid[:4, :4], n))
    for r, c, d in ((box.top, box.left, "up_left"), (box.top, box.right - 1, "up_right"),
                    (box.bottom - 1, box.left, "down_left"), (box.bottom - 1, box.right - 1, "down_right")):
        out = draw_ray(out, (r, c), d, 2, background=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    k = int(rng.integers(1, 5))
    palette = _gen.colors(rng, k + 1, exclude=(0, 2))
    grid = np.zeros((5, 5), dtype=int)
    r, c = int(rng.integers(0, 3)), int(rng.integers(0, 3))
    grid[r:r + 2, c:c + 2] = palette[0]
    cuts = np.sort(rng.choice(np.arange(1, 5), size=k - 1, replace=False))
    border = np.concatenate([np.full(b - a, color) for a, b, color in zip([0, *cuts], [*cuts, 5], palette[1:])])
    grid[4, :] = grid[:, 4] = border
    return grid
