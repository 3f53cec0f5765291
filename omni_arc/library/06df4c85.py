"""In the walled grid of rooms, join every two same-coloured rooms in a row or column by colouring the rooms between."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    out = grid.copy()
    for color in unique_colors(grid, exclude=[0, separator_color(grid)]):
        out = connect(out, color)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(1, 4))
    n = int(rng.integers(5, min(9, 31 // (size + 1)) + 1))
    line, *palette = _gen.colors(rng, int(rng.integers(3, 5)))
    while True:
        rooms = np.zeros((n, n), dtype=int)
        for _ in range(int(rng.integers(4, 10))):
            rooms[int(rng.integers(n)), int(rng.integers(n))] = int(rng.choice(palette))
        claims = {}  # empty room -> colours whose joins pass through it
        ok = True
        for flip in (False, True):
            m = rooms.T if flip else rooms
            for i in range(n):
                filled = [j for j in range(n) if m[i, j]]
                for a, b in zip(filled, filled[1:]):
                    if m[i, a] == m[i, b]:
                        for j in range(a + 1, b):
                            claims.setdefault((j, i) if flip else (i, j), set()).add(m[i, a])
                for a in filled:  # a pair of one colour must not have a room of another colour between
                    for b in filled:
                        if a < b and m[i, a] == m[i, b] and any(m[i, j] for j in range(a + 1, b)):
                            ok = False
        if ok and claims and all(len(v) == 1 for v in claims.values()):
            break
    block = np.zeros((size, size), dtype=int)
    return join_by_lines([[block + v for v in row] for row in rooms], line)
