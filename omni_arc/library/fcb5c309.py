"""Cut out the frame holding the most marker dots and redraw it in the marker colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    frame_color = largest(find_objects(grid)).color
    marker = unique_colors(grid, exclude=[0, frame_color])[0]
    frames = select_by_color(find_objects(grid), frame_color)
    best = max_by(frames, lambda f: count_color(crop(grid, f.bbox), marker))
    return replace_color(crop(grid, best.bbox), frame_color, marker)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        height, width = int(rng.integers(13, 18)), int(rng.integers(13, 18))
        frame_color, marker = _gen.colors(rng, 2)
        grid = np.zeros((height, width), dtype=int)
        inside = []
        for _ in range(int(rng.integers(2, 4))):
            h, w = int(rng.integers(3, 9)), int(rng.integers(3, 9))
            spot = _gen.free_spot(rng, grid > 0, h, w)
            if spot is None:
                continue
            r, c = spot
            grid = draw_rect(grid, (r, c, r + h, c + w), frame_color)
            n = int(rng.integers(0, min(5, (h - 2) * (w - 2)) + 1))
            cells = [(rr, cc) for rr in range(r + 1, r + h - 1) for cc in range(c + 1, c + w - 1)]
            for k in rng.choice(len(cells), size=n, replace=False) if cells else []:
                grid[cells[k]] = marker
            inside.append(n)
        for _ in range(int(rng.integers(3, 10))):
            spot = _gen.free_spot(rng, grid > 0, 1, 1, margin=0)
            if spot:
                grid[spot] = marker
        if len(inside) >= 2 and sorted(inside)[-1] > sorted(inside)[-2]:
            return grid
