"""Bounce the corner cell diagonally up the grid between the left and right walls."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    h = len(grid)
    return draw_walk(grid, (h - 1, 0), "up_right", grid[-1, 0], turn="bounce", edge="wall", max_steps=h - 1)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((int(rng.integers(6, 13)), int(rng.integers(2, 7))), dtype=int)
    grid[-1, 0] = int(rng.integers(1, 10))
    return grid
