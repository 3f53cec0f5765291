"""Keep only the lines joining the rare colour's cells on opposite edges; erase the noise."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    color = least_common_color(grid, exclude=0)
    out = new_grid(*grid.shape)
    out[(grid[:, 0] == color) & (grid[:, -1] == color), :] = color
    out[:, (grid[0] == color) & (grid[-1] == color)] = color
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    H, W = int(rng.integers(11, 17)), int(rng.integers(17, 23))
    line, *noise = _gen.colors(rng, 3)
    grid = _gen.scatter(rng, H, W, noise, float(rng.uniform(0.1, 0.2)))
    kinds = [("row", "col"), ("row",), ("col",), ("row", "row"), ("col", "col")][int(rng.integers(5))]
    rows = rng.choice(np.arange(1, H - 1), size=2, replace=False)
    cols = rng.choice(np.arange(1, W - 1), size=2, replace=False)
    for k, kind in enumerate(kinds):
        if kind == "row":
            grid[rows[k], [0, -1]] = line
        else:
            grid[[0, -1], cols[k]] = line
    return grid if least_common_color(grid, exclude=0) == line else None
