"""Task augmentations: the 8 dihedral transforms combined with a colour permutation.

The transforms are the DSL's :data:`omni_arc.dsl.TRANSFORMS`, with the same names and the same
(clockwise) turn: ``Augmentation("rotate_90")`` moves cells as ``rotate(grid, 1)`` does. An
:class:`Augmentation` maps grids forward (``apply``) and back (``invert``), and serialises to a
small JSON object so a candidate program can carry the augmentation it was sampled under.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from omni_arc.data import Pair, Task
from omni_arc.dsl.geometry import TRANSFORMS, dihedral, undo_dihedral

# Names written by earlier versions (numpy's counter-clockwise rot90) -> the same transform today.
_OLD_NAMES = {"rot90": "rotate_270", "rot180": "rotate_180", "rot270": "rotate_90",
              "flip_lr": "flip_left_right", "flip_ud": "flip_top_bottom"}
IDENTITY_COLORS = tuple(range(10))


@dataclass(frozen=True)
class Augmentation:
    """A dihedral transform followed by a colour permutation (``colors[old] == new``).

    >>> aug = Augmentation("rotate_90", (0, 2, 1, 3, 4, 5, 6, 7, 8, 9))
    >>> g = np.array([[1, 2]])
    >>> aug.apply(g).tolist()
    [[2], [1]]
    >>> aug.invert(aug.apply(g)).tolist()
    [[1, 2]]
    """

    transform: str = "identity"
    colors: tuple[int, ...] = IDENTITY_COLORS

    def __post_init__(self) -> None:
        if self.transform not in TRANSFORMS:
            raise ValueError(f"unknown transform {self.transform!r}; expected one of {TRANSFORMS}")
        if sorted(self.colors) != list(range(10)):
            raise ValueError(f"colors must be a permutation of 0..9, got {self.colors}")

    @property
    def is_identity(self) -> bool:
        return self.transform == "identity" and tuple(self.colors) == IDENTITY_COLORS

    def apply(self, grid: np.ndarray) -> np.ndarray:
        table = np.asarray(self.colors, dtype=np.int8)
        return np.ascontiguousarray(table[dihedral(np.asarray(grid), self.transform)])

    def invert(self, grid: np.ndarray) -> np.ndarray:
        inverse = np.argsort(np.asarray(self.colors)).astype(np.int8)
        return np.ascontiguousarray(undo_dihedral(inverse[np.asarray(grid)], self.transform))

    def apply_task(self, task: Task) -> Task:
        """The whole task (train and test, outputs when known) under this augmentation."""

        def pair(p: Pair) -> Pair:
            return Pair(self.apply(p.input), None if p.output is None else self.apply(p.output))

        return Task(task.id, [pair(p) for p in task.train], [pair(p) for p in task.test], task.source)

    def to_json(self) -> dict[str, Any]:
        return {"transform": self.transform, "colors": list(self.colors)}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> "Augmentation":
        """The augmentation of :meth:`to_json` (also reads the transform names of earlier versions, e.g. ``"rot90"``)."""
        if not raw:
            return cls()
        transform = raw.get("transform", "identity")
        return cls(_OLD_NAMES.get(transform, transform), tuple(raw.get("colors", IDENTITY_COLORS)))


def random_augmentation(
    rng: np.random.Generator, *, dihedral: bool = True, permute_colors: bool = True,
    keep_background: bool = True,
) -> Augmentation:
    """A random augmentation; with ``keep_background`` colour 0 stays 0 (ARC's usual background)."""
    transform = TRANSFORMS[int(rng.integers(len(TRANSFORMS)))] if dihedral else "identity"
    colors = list(range(10))
    if permute_colors:
        start = 1 if keep_background else 0
        rest = colors[start:]
        rng.shuffle(rest)
        colors = colors[:start] + rest
    return Augmentation(transform, tuple(int(c) for c in colors))
