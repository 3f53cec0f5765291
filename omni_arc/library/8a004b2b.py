"""Crop the yellow-cornered frame and complete its blocks with the small outside pattern scaled to match."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


def task(grid):
    box = bbox(grid == 4)
    out = crop(grid, box)
    pattern = crop_to_content(fill_rect(grid, box, 0))
    blocks = find_objects(replace_color(out, 4, 0))
    k = int(np.gcd.reduce([n for block in blocks for n in block.shape]))
    color = blocks[0].color
    (r, c), (pr, pc) = cells_of(out, color)[0], cells_of(pattern, color)[0]
    return paste(out, scale_up(pattern, k), r - k * pr, c - k * pc, transparent=0)


def generate_input(rng: np.random.Generator) -> np.ndarray:
    while True:
        palette = _gen.colors(rng, 3, exclude=(0, 4))
        pattern = crop_to_content(np.where(rng.random((3, 3)) < 0.7, rng.choice(palette, size=(3, 3)), 0))
        k = int(rng.integers(2, 5))
        shown = [c for c in unique_colors(pattern, exclude=0) if rng.random() < 0.6]
        if not shown or count_colors(pattern, exclude=0) < 2:
            continue
        scaled = keep_colors(scale_up(pattern, k), shown)
        blocks = find_objects(scaled)
        if np.gcd.reduce([n for block in blocks for n in block.shape]) != k:
            continue
        bh, bw = scaled.shape[0] + int(rng.integers(2, 5)), scaled.shape[1] + int(rng.integers(2, 5))
        H, W = bh + pattern.shape[0] + 3, max(bw, pattern.shape[1]) + int(rng.integers(1, 4))
        if max(H, W) > 24:
            continue
        grid = np.zeros((H, W), dtype=int)
        top, left = int(rng.integers(0, H - bh - pattern.shape[0] - 1)), int(rng.integers(0, W - bw + 1))
        grid[[top, top, top + bh - 1, top + bh - 1], [left, left + bw - 1, left, left + bw - 1]] = 4
        r, c = top + 1 + int(rng.integers(0, bh - 1 - scaled.shape[0])), left + 1 + int(rng.integers(0, bw - 1 - scaled.shape[1]))
        grid = paste(grid, scaled, r, c, transparent=0)
        pr = int(rng.integers(top + bh + 1, H - pattern.shape[0] + 1))
        grid = paste(grid, pattern, pr, int(rng.integers(0, W - pattern.shape[1] + 1)))
        return flip_top_bottom(grid) if rng.random() < 0.5 else grid
