"""Crop the yellow-cornered frame and complete its blocks with the small outside pattern scaled to match."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    box = bbox(grid == 4)
    out = crop(grid, box)
    pattern = crop_to_content(fill_rect(grid, box, 0))
    blocks = find_objects(replace_color(out, 4, 0))
    k = int(np.gcd.reduce([n for block in blocks for n in block.shape]))
    color = blocks[0].color
    (r, c), (pr, pc) = cells_of(out, color)[0], cells_of(pattern, color)[0]
    return paste(out, scale_up(pattern, k), r - k * pr, c - k * pc, transparent=0)
