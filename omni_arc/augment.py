"""Task augmentations: the 8 dihedral transforms combined with a colour permutation.

An :class:`Augmentation` maps grids forward (``apply``) and back (``invert``), and serialises to a
small JSON object so a candidate program can carry the augmentation it was sampled under.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from omni_arc.data import Pair, Task

# Name -> function. Index in this tuple is the transform id.
DIHEDRAL = (
    "identity", "rot90", "rot180", "rot270", "flip_lr", "flip_ud", "transpose", "anti_transpose",
)
_FORWARD = {
    "identity": lambda g: g,
    "rot90": lambda g: np.rot90(g, 1),
    "rot180": lambda g: np.rot90(g, 2),
    "rot270": lambda g: np.rot90(g, 3),
    "flip_lr": np.fliplr,
    "flip_ud": np.flipud,
    "transpose": lambda g: g.T,
    "anti_transpose": lambda g: np.rot90(g, 2).T,
}
_INVERSE_NAME = {
    "identity": "identity", "rot90": "rot270", "rot180": "rot180", "rot270": "rot90",
    "flip_lr": "flip_lr", "flip_ud": "flip_ud", "transpose": "transpose",
    "anti_transpose": "anti_transpose",
}
IDENTITY_COLORS = tuple(range(10))


@dataclass(frozen=True)
class Augmentation:
    """A dihedral transform followed by a colour permutation (``colors[old] == new``).

    >>> aug = Augmentation("rot90", (0, 2, 1, 3, 4, 5, 6, 7, 8, 9))
    >>> g = np.array([[1, 2]])
    >>> aug.apply(g).tolist()
    [[1], [2]]
    >>> aug.invert(aug.apply(g)).tolist()
    [[1, 2]]
    """

    transform: str = "identity"
    colors: tuple[int, ...] = IDENTITY_COLORS

    def __post_init__(self) -> None:
        if self.transform not in _FORWARD:
            raise ValueError(f"unknown transform {self.transform!r}; expected one of {DIHEDRAL}")
        if sorted(self.colors) != list(range(10)):
            raise ValueError(f"colors must be a permutation of 0..9, got {self.colors}")

    @property
    def is_identity(self) -> bool:
        return self.transform == "identity" and tuple(self.colors) == IDENTITY_COLORS

    def apply(self, grid: np.ndarray) -> np.ndarray:
        table = np.asarray(self.colors, dtype=np.int8)
        return np.ascontiguousarray(table[_FORWARD[self.transform](np.asarray(grid))])

    def invert(self, grid: np.ndarray) -> np.ndarray:
        inverse = np.argsort(np.asarray(self.colors)).astype(np.int8)
        back = _FORWARD[_INVERSE_NAME[self.transform]]
        return np.ascontiguousarray(back(inverse[np.asarray(grid)]))

    def apply_task(self, task: Task) -> Task:
        """The whole task (train and test, outputs when known) under this augmentation."""

        def pair(p: Pair) -> Pair:
            return Pair(self.apply(p.input), None if p.output is None else self.apply(p.output))

        return Task(task.id, [pair(p) for p in task.train], [pair(p) for p in task.test], task.source)

    def to_json(self) -> dict[str, Any]:
        return {"transform": self.transform, "colors": list(self.colors)}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> "Augmentation":
        if not raw:
            return cls()
        return cls(raw.get("transform", "identity"), tuple(raw.get("colors", IDENTITY_COLORS)))


def random_augmentation(
    rng: np.random.Generator, *, dihedral: bool = True, permute_colors: bool = True,
    keep_background: bool = True,
) -> Augmentation:
    """A random augmentation; with ``keep_background`` colour 0 stays 0 (ARC's usual background)."""
    transform = DIHEDRAL[int(rng.integers(len(DIHEDRAL)))] if dihedral else "identity"
    colors = list(range(10))
    if permute_colors:
        start = 1 if keep_background else 0
        rest = colors[start:]
        rng.shuffle(rest)
        colors = colors[:start] + rest
    return Augmentation(transform, tuple(int(c) for c in colors))
