"""Move each patterned card from one half onto the other half, where the loose dots match its marks."""
from omni_arc.dsl import *
import numpy as np

from omni_arc.library import _gen


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


def generate_input(rng: np.random.Generator) -> np.ndarray:
    return _gen.retry(_attempt, rng)


def _attempt(rng: np.random.Generator) -> np.ndarray | None:
    height, width = int(rng.integers(9, 16)), int(rng.integers(8, 16))
    source_bg, target_bg, fill_color, *marks = _gen.colors(rng, 6)
    source = np.full((height, width), source_bg)
    target = np.full((height, width), target_bg)
    expected = target.copy()
    for k in range(int(rng.integers(1, 4))):
        h, w = int(rng.integers(2, 5)), int(rng.integers(3, 6))
        card = np.full((h, w), fill_color)
        for _ in range(int(rng.integers(1, 4))):
            card[int(rng.integers(h)), int(rng.integers(w))] = marks[k]
        at_source = _gen.free_spot(rng, source != source_bg, h, w)
        at_target = _gen.free_spot(rng, expected != target_bg, h, w)
        if at_source is None or at_target is None:
            continue
        source = paste(source, card, *at_source)
        expected = paste(expected, card, *at_target)
        target = paste(target, np.where(card == marks[k], marks[k], target_bg), *at_target)
    if (source == source_bg).all():
        return None
    halves = [source, target] if rng.random() < 0.5 else [target, source]
    grid = concat_vertical(*halves) if height > width else concat_horizontal(*halves)
    return grid if np.array_equal(task(grid), expected) else None
