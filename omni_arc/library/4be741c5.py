"""List the colours of the ragged stripes in order, as a row or a column like the stripes."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    across = list(dict.fromkeys(grid[0].tolist()))
    if len(across) > 1:
        return np.array([across])
    return np.array([list(dict.fromkeys(grid[:, 0].tolist()))]).T


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    n = int(rng.integers(2, 5))
    H, W = int(rng.integers(8, 15)), int(rng.integers(3 * n, 17))
    palette = rng.choice(np.arange(1, 10), size=n, replace=False)
    base = np.linspace(0, W, n + 1)[1:-1].round().astype(int)
    grid = np.zeros((H, W), dtype=int)
    for r in range(H):
        cuts = np.clip(base + rng.integers(-1, 2, size=n - 1), 1, W - 1)
        grid[r] = palette[np.searchsorted(np.sort(cuts), np.arange(W), side="right")]
    if all(len(set(row)) == n for row in grid.tolist()):
        return grid if rng.random() < 0.5 else grid.T.copy()
    return None
