"""Draw a green square spiral from the top-left corner inward, leaving one black cell between its turns."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    h, w = grid.shape
    out = np.zeros_like(grid)
    r, c, dr, dc = 0, 0, 0, 1
    out[0, 0] = 3
    inside = lambda y, x: 0 <= y < h and 0 <= x < w
    for _ in range(h * w):
        for _turn in range(2):  # go straight if possible, else turn right once
            ahead, beyond = (r + dr, c + dc), (r + 2 * dr, c + 2 * dc)
            if inside(*ahead) and out[ahead] == 0 and not (inside(*beyond) and out[beyond] == 3):
                break
            dr, dc = dc, -dr
        else:
            break
        r, c = ahead
        out[r, c] = 3
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(5, 19))
    return np.zeros((size, size), dtype=int)
