"""Complete every two-colour fragment into a scaled, recoloured copy of the complete template."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    objects = find_objects(grid, by_color=False)
    anchor = [c for c in objects[0].colors if all(c in obj.colors for obj in objects)][0]
    template = max_by(objects, lambda obj: obj.size / count_color(obj.crop(), anchor))
    t = bbox(template.crop() == anchor)
    t_color = [c for c in template.colors if c != anchor][0]
    out = grid.copy()
    for obj in objects:
        part = bbox(obj.crop() == anchor)
        k = part.height // t.height
        color = [c for c in obj.colors if c != anchor][0]
        patch = scale_up(replace_color(template.crop(), t_color, color), k)
        out = paste(out, patch, obj.top + part.top - t.top * k, obj.left + part.left - t.left * k, transparent=0)
    return out


def generate_input(rng: np.random.Generator) -> np.ndarray:
    H, W = int(rng.integers(15, 20)), int(rng.integers(12, 25))
    while True:
        mask = _gen.shape(rng, 3, 3, fill=float(rng.uniform(0.4, 0.8)))
        cells = [tuple(p) for p in np.argwhere(mask)]
        ar, ac = cells[int(rng.integers(len(cells)))]
        near = [(ar + dr, ac + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)) if (ar + dr, ac + dc) in cells]
        if len(cells) >= 3 and near:
            break
    anchor, *palette = _gen.colors(rng, 5)
    grid = np.zeros((H, W), dtype=int)
    used = np.zeros((H, W), dtype=bool)
    for i, k in enumerate([1] + [int(rng.integers(1, 4)) for _ in range(int(rng.integers(1, 4)))]):
        spot = _gen.free_spot(rng, used, 3 * k, 3 * k)
        if spot is None:
            break
        r, c = spot
        used[r:r + 3 * k, c:c + 3 * k] = True
        full = np.where(mask, palette[i], 0)
        full[ar, ac] = anchor
        if i > 0:
            nr, nc = near[int(rng.integers(len(near)))]
            keep = np.zeros_like(mask)
            keep[[ar, nr], [ac, nc]] = True
            full[~keep] = 0
        grid[r:r + 3 * k, c:c + 3 * k] = scale_up(full, k)
    return grid
