"""Cut out the panel with the most red cells."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    panels = find_objects(grid, by_color=False)
    return max_by(panels, lambda p: count_color(p.crop(), 2)).crop()


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        grid = np.zeros((10, 10), dtype=int)
        reds = []
        for _ in range(3):
            h, w = int(rng.integers(3, 7)), int(rng.integers(3, 6))
            spot = _gen.free_spot(rng, grid > 0, h, w)
            if spot:
                panel = rng.choice([8, 8, 8, 1, 2], size=(h, w))
                grid = paste(grid, panel, *spot)
                reds.append(int((panel == 2).sum()))
        if len(reds) >= 2 and sorted(reds)[-1] > sorted(reds)[-2]:
            return grid
