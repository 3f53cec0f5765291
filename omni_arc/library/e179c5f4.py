"""From the blue cell in the bottom-left corner, bounce a blue diagonal up between the side walls; the rest is light blue."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    h = len(grid)
    return draw_walk(replace_color(grid, 0, 8), (h - 1, 0), "up_right", 1, walls=(), turn="bounce", edge="wall", max_steps=h - 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((10, int(rng.integers(2, 7))), dtype=int)
    grid[-1, 0] = 1
    return grid
