"""Recolour magenta cells red."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    return replace_color(grid, 6, 2)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return rng.choice([6, 7], size=(int(rng.integers(3, 7)), 4))
