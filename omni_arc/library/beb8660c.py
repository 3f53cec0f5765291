"""Stack the bars by length on the floor, longest at the bottom, all pushed to the right."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    out = np.zeros_like(grid)
    bars = sort_by(find_objects(grid), "size", reverse=True)
    for row, bar in enumerate(bars):
        out = paste(out, bar.crop(), grid.shape[0] - 1 - row, grid.shape[1] - bar.width)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    height, width = int(rng.integers(3, 13)), int(rng.integers(3, 9))
    k = int(rng.integers(1, min(width - 1, height - 1, 8) + 1))
    grid = np.zeros((height, width), dtype=int)
    grid[-1] = 8
    lengths = rng.choice(np.arange(1, width), size=k, replace=False)
    rows = rng.choice(height - 1, size=k, replace=False)
    for length, row, color in zip(lengths, rows, rng.choice([1, 2, 3, 4, 5, 6, 7, 9], size=k, replace=False)):
        left = int(rng.integers(0, width - length + 1))
        grid[row, left:left + length] = color
    return grid
