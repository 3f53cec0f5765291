"""Stamp the pattern of the largest group of coloured rooms around every other room of its centre colour."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    line = separator_color(grid)
    cells = split_by_lines(grid, line, flat=False)
    rooms = np.array([[cell[0, 0] for cell in row] for row in cells])
    template = largest(find_objects(rooms, diagonal=True, by_color=False))
    h, w = template.shape
    out = rooms.copy()
    for r, c in cells_of(rooms, template.patch[h // 2, w // 2]):
        out = paste(out, template.patch, r - h // 2, c - w // 2, transparent=0)
    return join_by_lines([[np.full(cell.shape, out[i, j]) for j, cell in enumerate(row)]
                          for i, row in enumerate(cells)], line)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.integers(2, 5))
    n = int(rng.integers(6, 30 // (size + 1) + 1))
    line, center, edge, corner = _gen.colors(rng, 4)
    if rng.random() < 0.4:
        corner = 0 if rng.random() < 0.5 else edge
    stamp = np.array([[corner, edge, corner], [edge, center, edge], [corner, edge, corner]])
    rooms = np.zeros((n, n), dtype=int)
    r, c = int(rng.integers(1, n - 1)), int(rng.integers(1, n - 1))
    rooms[r - 1:r + 2, c - 1:c + 2] = stamp
    centers = [(r, c)]
    for _ in range(40):
        r, c = int(rng.integers(n)), int(rng.integers(n))
        if all(max(abs(r - a), abs(c - b)) >= 3 for a, b in centers):
            rooms[r, c] = center
            centers.append((r, c))
        if len(centers) > 3:
            break
    cell = np.zeros((size, size), dtype=int)
    return join_by_lines([[cell + v for v in row] for row in rooms], line)
