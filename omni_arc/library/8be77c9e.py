"""Append the grid's upside-down mirror image below it."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return mirror_extend(grid, "down")


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 2, size=(3, 3)) * int(rng.integers(1, 10))
