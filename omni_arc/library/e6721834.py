"""Move each patterned card from one half onto the other half, where the loose dots match its marks."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    halves = split_into(grid, 2, 1) if grid.shape[0] > grid.shape[1] else split_into(grid, 1, 2)

    def cards(half):
        return find_objects(half, background=background_color(half), by_color=False)

    source, target = sorted(halves, key=lambda h: largest(cards(h)).size, reverse=True)
    bg = background_color(target)
    out = target.copy()
    # cards with more marks first; a dot covered by a card is used up
    for patch in sorted((card.crop() for card in cards(source)), key=lambda p: -count_color(p, least_common_color(p))):
        marker = least_common_color(patch)
        for r, c in find_pattern(out, np.where(patch == marker, marker, bg)):
            out = paste(out, patch, r, c)
    return out
