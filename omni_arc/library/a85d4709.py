"""Colour each row by where its grey cell is: left red, middle yellow, right green."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    colors = [2, 4, 3]
    return np.array([[colors[int(np.argmax(row == 5))]] * 3 for row in grid])


def generate_input(rng: np.random.Generator) -> np.ndarray:
    grid = np.zeros((3, 3), dtype=int)
    grid[np.arange(3), rng.integers(0, 3, size=3)] = 5
    return grid
