"""Join each light-blue dot to its red bar (dot turns yellow); the other bar shoots full lines at the same heights."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bars = select_by_color(find_objects(grid), 2)
    out = grid.copy()
    for r, c in cells_of(grid, 8):
        src = [bar for bar in bars if bar.top <= r < bar.bottom][0]
        dst = [bar for bar in bars if bar is not src][0]
        forward, back = ("right", "left") if src.left == 0 else ("left", "right")
        out = draw_ray(out, (r, src.left), forward, 8, stop_at=8)
        out[r, c] = 4
        out = draw_ray(out, (r - src.top + dst.top, dst.left), back, 8)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W, n = int(rng.integers(19, 22)), int(rng.integers(8, 13)), int(rng.integers(4, 7))
    grid = np.zeros((H, W), dtype=int)
    a, b = (int(rng.integers(1, H // 2 - n)), int(rng.integers(H // 2 + 1, H - n))) if rng.random() < 0.5 \
        else (int(rng.integers(H // 2 + 1, H - n)), int(rng.integers(1, H // 2 - n)))
    left_first = rng.random() < 0.5
    grid[a:a + n, 0 if left_first else W - 1] = 2
    grid[b:b + n, W - 1 if left_first else 0] = 2
    for r in rng.choice(np.arange(a, a + n), size=int(rng.integers(1, 4)), replace=False):
        grid[r, int(rng.integers(2, W - 1)) if left_first else int(rng.integers(1, W - 2))] = 8
    return grid
