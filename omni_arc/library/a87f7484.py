"""Output the 3x3 panel whose shape differs from all the others."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    n = max(grid.shape) // 3
    panels = split_into(grid, n, 1) if grid.shape[0] > grid.shape[1] else split_into(grid, 1, n)
    return odd_one_out(panels, lambda panel: (panel != 0).tolist())


def generate_input(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(3, 6))
    common = rng.random((3, 3)) < 0.5
    odd = common.copy()
    for r, c in zip(rng.integers(0, 3, size=2), rng.integers(0, 3, size=2)):
        odd[r, c] = not odd[r, c]
    if np.array_equal(common, odd):
        odd[1, 1] = not odd[1, 1]
    masks = [common] * n
    masks[int(rng.integers(n))] = odd
    panels = [mask * color for mask, color in zip(masks, _gen.colors(rng, n))]
    return np.vstack(panels) if rng.random() < 0.5 else np.hstack(panels)
