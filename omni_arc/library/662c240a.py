"""Pick the one 3x3 block that is not symmetric about its main diagonal."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    return [block for block in split_into(grid, 3, 1) if not is_symmetric(block, "transpose")][0]


def generate_input(rng: np.random.Generator) -> np.ndarray:
    blocks = []
    for k in range(3):
        while True:
            block = rng.choice(_gen.colors(rng, 2), size=(3, 3))
            if k > 0:
                block = np.triu(block) + np.triu(block, 1).T
            if is_symmetric(block, "transpose") == (k > 0):
                break
        blocks.append(block)
    return concat_vertical(*[blocks[i] for i in rng.permutation(3)])
