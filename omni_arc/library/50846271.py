"""Complete the red crosses hidden in the grey noise: their grey cells turn light blue."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    H, W = grid.shape

    def crosses(arm):
        def plus(r, c):
            cells = [(r + d, c) for d in range(-arm, arm + 1)] + [(r, c + d) for d in range(-arm, arm + 1) if d]
            return {(i, j) for i, j in cells if 0 <= i < H and 0 <= j < W}
        options = [p for p in (plus(r, c) for r in range(H) for c in range(W)) if all(grid[q] in (2, 5) for q in p)]
        red, chosen = set(cells_of(grid, 2)), []
        while red:  # greedily take the cross that covers the most red cells still uncovered
            best = max(options, key=lambda p: len(red & p), default=set())
            if not red & best:
                return None
            red -= best
            chosen.append(best)
        return chosen

    out = grid.copy()
    for cross in min([c for c in (crosses(2), crosses(3)) if c is not None], key=len):
        for q in cross:
            if grid[q] == 5:
                out[q] = 8
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W, arm = int(rng.integers(11, 21)), int(rng.integers(12, 23)), int(rng.choice([2, 2, 3]))
    grid = np.where(rng.random((H, W)) < 0.5, 5, 0)
    expected = grid.copy()
    used = np.zeros((H, W), dtype=bool)
    for _ in range(int(rng.integers(1, 5))):
        r, c = int(rng.integers(1, H - 1)), int(rng.integers(1, W - 1))
        cross = np.zeros((H, W), dtype=bool)
        cross[max(r - arm, 0):r + arm + 1, c] = cross[r, max(c - arm, 0):c + arm + 1] = True
        if (dilate(cross, diagonal=True) & used).any():
            continue
        used |= cross
        red = cross & (rng.random((H, W)) < 0.6)
        grid[cross] = np.where(red[cross], 2, 5)
        expected[cross] = np.where(red[cross], 2, 8)
    ok = (grid == 2).any() and np.array_equal(task(grid), expected)
    return grid if ok else None
