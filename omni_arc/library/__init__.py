"""The library: hand-written DSL solutions of ARC-AGI-1 training tasks, one file per task.

Each ``omni_arc/library/<task_id>.py`` defines ``task(grid) -> grid`` (the program the model is
trained to write; only its own source is used as the training completion, so it must need nothing
but numpy and the DSL) and, where feasible, ``generate_input(rng) -> grid`` drawing new inputs
from the task's input distribution on which ``task`` is correct by construction.
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from omni_arc.program import function_source

LIBRARY_DIR = Path(__file__).parent
# The only dataset library solutions belong to. ARC-AGI-2 "training" is never used: it contains
# ARC-AGI-1 evaluation tasks.
SOURCE_DATASET = "arc-agi-1/training"
_ID = re.compile(r"^[0-9a-f]{8}$")

# ARC-AGI-1 itself has a few training tasks with exactly the same rule. Their solutions are
# allowed to be the same program, and only these: any other duplicate is a copy-paste mistake.
SAME_RULE: list[frozenset[str]] = [
    frozenset({"3c9b0459", "6150a2bd"}),  # rotate by 180 degrees
    frozenset({"3af2c5a8", "62c24649", "67e8384a"}),  # mirror the grid right, then down
    frozenset({"0dfd9992", "29ec7d0e", "484b58aa"}),  # fill the holes of a periodic pattern
    frozenset({"74dd1130", "9dfd6313"}),  # transpose
    frozenset({"46442a0e", "7fe24cdd"}),  # the grid and its three rotations as a 2x2 block
    frozenset({"1f85a75f", "be94b721"}),  # crop the largest shape
]


def same_rule_group(task_id: str) -> frozenset[str]:
    """``task_id`` with the other tasks of its :data:`SAME_RULE` group (just itself when none).

    >>> sorted(same_rule_group("74dd1130"))
    ['74dd1130', '9dfd6313']
    >>> same_rule_group("007bbfb7")
    frozenset({'007bbfb7'})
    """
    for group in SAME_RULE:
        if task_id in group:
            return group
    return frozenset({task_id})


@dataclass(frozen=True)
class Solution:
    task_id: str
    path: Path
    source: str  # the exact source of `task`: the training completion
    task: Callable[[np.ndarray], np.ndarray]
    generate_input: Callable[[np.random.Generator], np.ndarray] | None


def library_ids() -> list[str]:
    """Sorted ids of the tasks with a solution file."""
    return sorted(p.stem for p in LIBRARY_DIR.glob("*.py") if _ID.match(p.stem))


@lru_cache(maxsize=None)
def load_solution(task_id: str) -> Solution:
    """Import ``<task_id>.py`` and return its pieces; ``KeyError`` when there is no such file."""
    path = LIBRARY_DIR / f"{task_id}.py"
    if not _ID.match(task_id) or not path.exists():
        raise KeyError(f"no library solution for task {task_id!r}")
    spec = importlib.util.spec_from_file_location(f"omni_arc.library._{task_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = function_source(path.read_text())
    if source is None or not callable(getattr(module, "task", None)):
        raise ValueError(f"{path}: defines no top-level function `task`")
    return Solution(task_id, path, source, module.task, getattr(module, "generate_input", None))


def load_library() -> dict[str, Solution]:
    return {tid: load_solution(tid) for tid in library_ids()}
