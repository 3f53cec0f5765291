"""Draw one column per colour, most frequent first, as tall as the colour's cell count."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    counts = sorted(color_counts(grid).items(), key=lambda item: -item[1])
    out = new_grid(counts[0][1], len(counts))
    for j, (color, n) in enumerate(counts):
        out[:n, j] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(3, 5)), int(rng.integers(3, 5))
    while True:
        k = int(rng.integers(3, 5))
        cuts = np.sort(rng.choice(np.arange(1, H * W), size=k - 1, replace=False))
        counts = np.diff(np.concatenate([[0], cuts, [H * W]]))
        if len(set(counts.tolist())) == k:
            break
    cells = np.repeat(_gen.colors(rng, k), counts)
    return np.sort(cells).reshape(H, W) if rng.random() < 0.3 else rng.permutation(cells).reshape(H, W)
