"""Each colour shows part of a square frame with all eight symmetries; nest the completed frames around one centre."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    bg = background_color(grid)
    big = np.pad(grid, 30, constant_values=-1)

    def frame(color):
        rows, cols = np.nonzero(grid == color)
        for s in range(max(np.ptp(rows), np.ptp(cols)) + 1, 30):
            for top in range(rows.max() - s + 1, rows.min() + 1):
                for left in range(cols.max() - s + 1, cols.min() + 1):
                    m = np.zeros((s, s), dtype=bool)
                    m[rows - top, cols - left] = True
                    m = np.any([dihedral(m, i) for i in range(8)], axis=0)
                    window = big[top + 30:top + 30 + s, left + 30:left + 30 + s]
                    if ((window == color) == m)[window >= 0].all():
                        return m

    frames = {color: frame(color) for color in unique_colors(grid, exclude=bg)}
    size = max(len(m) for m in frames.values())
    out = np.full((size, size), bg)
    for color, m in frames.items():
        k = (size - len(m)) // 2
        out[k:k + len(m), k:k + len(m)][m] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    for _ in range(100):
        size = int(rng.choice([7, 9, 11]))
        bg, *palette = _gen.colors(rng, int(rng.integers(3, (size + 3) // 2)) + 1, exclude=())
        h, w = int(rng.integers(12, 20)), int(rng.integers(12, 20))
        canvas = np.full((h + 12, w + 12), bg)
        expected = np.full((size, size), bg)
        for i, color in enumerate(palette):
            s = size - 2 * i
            m = np.zeros((s, s), dtype=bool)
            n = 2 if s == 3 else int(rng.integers(1, max(s // 2, 1) + 1))
            m[0, :n] = m[0, s - n:] = True
            m = np.any([dihedral(m, k) for k in range(8)], axis=0)
            expected[i:i + s, i:i + s][m] = color
            r, c = 6 - s // 2 + int(rng.integers(0, h - s % 2 + 1)), 6 - s // 2 + int(rng.integers(0, w - s % 2 + 1))
            if (canvas[r - 1:r + s + 1, c - 1:c + s + 1] != bg).any():
                break
            canvas[r:r + s, c:c + s][m] = color
        else:
            grid = canvas[6:-6, 6:-6]
            try:
                if np.array_equal(task(grid), expected):
                    return grid
            except Exception:
                pass
    raise RuntimeError("no placement of the frames was unambiguous")
