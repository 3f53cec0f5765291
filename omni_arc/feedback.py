"""Execution feedback for a program that did not verify: what it did on the train pairs.

Given the expected train outputs and what the program produced (its output grid or the runner's
``"status: detail"`` error, per input, as :class:`omni_arc.sandbox.ExecResult` reports them), this
module measures how close the program came (:func:`closeness`: train pairs right, then the share
of expected cells reproduced) and renders the compact text a repair prompt shows: the first
failing pair's expected output beside the program's output in the prompt grid format -- or the
error with the program line it points at -- and one summary line. Nothing here runs code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from omni_arc.prompts import DEFAULT_GRID_FORMAT, encode_grid

_LINE = re.compile(r"\(line (\d+)\)\s*$")
_STATUS_WORDS = {
    "exception": "raised", "timeout": "timed out", "memory": "ran out of memory",
    "invalid_output": "returned an invalid grid", "blocked_syscall": "attempted a forbidden operation",
    "syntax_error": "does not compile", "no_task_function": "defines no function `task`",
}
NOT_RUN = ("no_code", "syntax_error", "no_task_function")  # statuses where no input ever ran


@dataclass(frozen=True)
class Closeness:
    """How near a program's train outputs are to the expected ones (larger is nearer)."""

    pairs_right: int
    pairs: int
    shapes_right: int
    cells_right: int  # expected cells reproduced, over pairs whose output shape is right
    cells: int  # expected cells over all pairs

    @property
    def cell_fraction(self) -> float:
        return self.cells_right / self.cells if self.cells else 0.0

    def key(self) -> tuple[int, float]:
        """The ranking key: pairs right, then the share of cells right."""
        return (self.pairs_right, self.cell_fraction)


def _grid(out: object) -> np.ndarray | None:
    if out is None:
        return None
    a = np.asarray(out)
    return a if a.ndim == 2 else None


def closeness(expected: Sequence[np.ndarray], outputs: Sequence[object]) -> Closeness:
    """Pairs right, shapes right and expected cells reproduced (a wrong shape or a failed input
    reproduces none).

    >>> c = closeness([np.array([[1, 2]]), np.array([[3]])], [np.array([[1, 0]]), None])
    >>> c.pairs_right, c.shapes_right, c.cells_right, c.cells, c.key()
    (0, 1, 1, 3, (0, 0.3333333333333333))
    """
    right = shapes = cells_right = cells = 0
    for i, want in enumerate(expected):
        want = np.asarray(want)
        got = _grid(outputs[i] if i < len(outputs) else None)
        cells += want.size
        if got is None or got.shape != want.shape:
            continue
        shapes += 1
        same = int(np.count_nonzero(got == want))
        cells_right += same
        right += same == want.size
    return Closeness(right, len(expected), shapes, cells_right, cells)


def first_failure(expected: Sequence[np.ndarray], outputs: Sequence[object]) -> int | None:
    """The index of the first train pair whose output is missing or wrong, or None.

    >>> first_failure([np.array([[1]]), np.array([[2]])], [np.array([[1]]), np.array([[3]])])
    1
    >>> first_failure([np.array([[1]])], [np.array([[1]])]) is None
    True
    """
    for i, want in enumerate(expected):
        got = _grid(outputs[i] if i < len(outputs) else None)
        if got is None or got.shape != np.asarray(want).shape or not np.array_equal(got, want):
            return i
    return None


def summary_line(c: Closeness) -> str:
    """One line: pairs right, shapes right, cells right.

    >>> summary_line(Closeness(1, 3, 2, 17, 20))
    'Summary: 1 of 3 examples right; output shape right in 2 of 3; 85% of the expected cells right.'
    """
    return (f"Summary: {c.pairs_right} of {c.pairs} examples right; output shape right in "
            f"{c.shapes_right} of {c.pairs}; {100 * c.cell_fraction:.0f}% of the expected cells right.")


def error_text(error: str | None, code: str) -> str:
    """The runner's ``"status: detail"`` as a sentence, with the program line it names quoted.

    >>> print(error_text("exception: ZeroDivisionError: division by zero (line 2)",
    ...                  "def task(grid):\\n    return grid // 0"))
    the program raised ZeroDivisionError: division by zero (line 2)
        2 |     return grid // 0
    >>> error_text("timeout: CPU time limit of 2 s", "")
    'the program timed out (CPU time limit of 2 s)'
    """
    status, _, detail = (error or "exception: ").partition(": ")
    verb = _STATUS_WORDS.get(status, status.replace("_", " "))
    if status in ("exception", "syntax_error"):
        text = f"the program {verb} {detail}".rstrip() if status == "exception" else \
            f"the program {verb}: {detail}"
    else:
        text = f"the program {verb}" + (f" ({detail})" if detail else "")
    m = _LINE.search(detail)
    lines = code.splitlines()
    if m and 1 <= int(m.group(1)) <= len(lines):
        n = int(m.group(1))
        text += f"\n    {n} | {lines[n - 1]}"
    return text


def render_feedback(
    expected: Sequence[np.ndarray], outputs: Sequence[object], errors: Sequence[str | None],
    code: str, number: dict[int, int] | None = None, fmt: str = DEFAULT_GRID_FORMAT,
    test_errors: Sequence[str | None] = (),
) -> str:
    """The feedback on a failed run: the first failing train pair (its expected output, then the
    program's output; or the error with its program line) and the summary line. ``number`` maps a
    pair index to the example number the prompt shows it under (default: index + 1). When every
    train pair is right, the first failing test input's error is reported instead (a test input
    has no expected output to show).

    >>> print(render_feedback([np.array([[1, 2]])], [np.array([[1, 1]])], [None], "def task(grid): ..."))
    Example 1 is wrong.
    ### Expected output
    shape: 1x2
    1 12
    ### The program's output
    shape: 1x2
    1 11
    Summary: 0 of 1 examples right; output shape right in 1 of 1; 50% of the expected cells right.
    """
    c = closeness(expected, outputs)
    i = first_failure(expected, outputs)
    if i is None:
        bad = next((j for j, e in enumerate(test_errors) if e is not None), None)
        head = ("Every example is right, but on test input "
                f"{bad + 1} {error_text(test_errors[bad], code)}" if bad is not None
                else "Every example is right.")
        return f"{head}\n{summary_line(c)}"
    shown = (number or {}).get(i, i + 1)
    got = _grid(outputs[i] if i < len(outputs) else None)
    if got is None:
        error = errors[i] if i < len(errors) else None
        text = error_text(error, code)
        head = (text[0].upper() + text[1:] if (error or "").partition(":")[0] in NOT_RUN
                else f"On example {shown} {text}")
    else:
        head = (f"Example {shown} is wrong.\n### Expected output\n{encode_grid(np.asarray(expected[i]), fmt)}\n"
                f"### The program's output\n{encode_grid(got, fmt)}")
    return f"{head}\n{summary_line(c)}"
