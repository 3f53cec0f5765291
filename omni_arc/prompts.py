"""Grid text formats, the code-from-examples prompt, and parsing of model answers.

The default grid format (the seed's) is a shape header followed by numbered rows of digits::

    shape: 2x3
    1 012
    2 340

Formats are pluggable through :data:`GRID_FORMATS`; each one round-trips exactly.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

import numpy as np

from omni_arc.data import Pair, to_grid


class GridFormat(Protocol):
    def encode(self, grid: np.ndarray) -> str: ...
    def decode(self, text: str) -> np.ndarray: ...


class ShapeNumberedRows:
    """``shape: HxW`` then one line per row: its 1-based number, a space, the digits.

    >>> f = ShapeNumberedRows()
    >>> print(f.encode(np.array([[0, 1], [2, 3]])))
    shape: 2x2
    1 01
    2 23
    >>> f.decode(f.encode(np.array([[0, 1], [2, 3]]))).tolist()
    [[0, 1], [2, 3]]
    """

    def encode(self, grid: np.ndarray) -> str:
        grid = np.asarray(grid)
        lines = [f"shape: {grid.shape[0]}x{grid.shape[1]}"]
        lines += [f"{i} {''.join(str(int(v)) for v in row)}" for i, row in enumerate(grid, 1)]
        return "\n".join(lines)

    def decode(self, text: str) -> np.ndarray:
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        m = re.fullmatch(r"shape: (\d+)x(\d+)", lines[0]) if lines else None
        if not m:
            raise ValueError("grid text must start with 'shape: HxW'")
        h, w = int(m.group(1)), int(m.group(2))
        rows = []
        for i, line in enumerate(lines[1:], 1):
            number, _, digits = line.partition(" ")
            if number != str(i) or len(digits) != w or not digits.isdigit():
                raise ValueError(f"row {i} is malformed: {line!r}")
            rows.append([int(c) for c in digits])
        if len(rows) != h:
            raise ValueError(f"expected {h} rows, got {len(rows)}")
        return to_grid(rows)


class PlainRows:
    """Rows of digits, nothing else (compact).

    >>> PlainRows().encode(np.array([[0, 1], [2, 3]]))
    '01\\n23'
    """

    def encode(self, grid: np.ndarray) -> str:
        return "\n".join("".join(str(int(v)) for v in row) for row in np.asarray(grid))

    def decode(self, text: str) -> np.ndarray:
        return to_grid([[int(c) for c in ln.strip()] for ln in text.strip().splitlines() if ln.strip()])


GRID_FORMATS: dict[str, GridFormat] = {"shape-numbered-rows": ShapeNumberedRows(), "plain-rows": PlainRows()}
DEFAULT_GRID_FORMAT = "shape-numbered-rows"

SYSTEM_PROMPT = (
    "You solve abstraction and reasoning puzzles by writing Python programs over integer grids."
)
INSTRUCTION = (
    "Each example below maps an input grid to an output grid with the same hidden rule. "
    "Write a Python function `task(grid)` that implements the rule. `grid` is a 2-D numpy array "
    "of colours 0-9; return the output grid. You may use numpy (as `np`) and the omni-arc DSL, "
    "whose functions are already imported. Answer with one ```python block."
)


def encode_grid(grid: np.ndarray, fmt: str = DEFAULT_GRID_FORMAT) -> str:
    return GRID_FORMATS[fmt].encode(grid)


def decode_grid(text: str, fmt: str = DEFAULT_GRID_FORMAT) -> np.ndarray:
    return GRID_FORMATS[fmt].decode(text)


def examples_text(
    pairs: Sequence[Pair], test_inputs: Sequence[np.ndarray] = (), fmt: str = DEFAULT_GRID_FORMAT,
) -> str:
    """The train pairs (and optional test inputs) as the body of the user message."""
    parts = []
    for i, p in enumerate(pairs, 1):
        parts.append(f"## Example {i}\n### Input\n{encode_grid(p.input, fmt)}\n"
                     f"### Output\n{encode_grid(p.output, fmt)}")
    for i, g in enumerate(test_inputs, 1):
        parts.append(f"## Test input {i}\n{encode_grid(g, fmt)}")
    return "\n\n".join(parts)


def code_from_examples_messages(
    pairs: Sequence[Pair], test_inputs: Sequence[np.ndarray] = (), code: str | None = None,
    fmt: str = DEFAULT_GRID_FORMAT,
) -> list[dict[str, str]]:
    """Chat messages asking for ``task(grid)``; with ``code`` the assistant answer is appended."""
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"{INSTRUCTION}\n\n{examples_text(pairs, test_inputs, fmt)}"},
    ]
    if code is not None:
        messages.append({"role": "assistant", "content": format_answer(code)})
    return messages


def format_answer(code: str) -> str:
    """The assistant's answer for a program: one fenced python block."""
    return f"```python\n{code.strip()}\n```"


def render_prompt(tokenizer, messages: list[dict[str, str]]) -> str:
    """The prompt text through the tokenizer's chat template, ready for the assistant's turn."""
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


@dataclass(frozen=True)
class ParsedCode:
    """The program extracted from a response, or ``code is None`` and ``error`` saying why."""

    code: str | None
    error: str | None = None
    # The extracted block even when it does not parse, so that execution can classify it as a
    # syntax error rather than as missing code; None when there was no `task` block at all.
    source: str | None = None


_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n(.*?)(?:```|\Z)", re.S)


_CODE_LANGS = ("", "python", "py", "python3", "py3")


def parse_code(response: str) -> ParsedCode:
    """Extract the ``task`` function's module text from a model response.

    Accepts several fenced blocks (the first defining ``task`` wins), a missing closing fence,
    prose around the block, or bare code without fences. Code that does not parse is rejected,
    except that unindented trailing text after a complete ``task`` (prose after a missing closing
    fence) is cut off; a function cut off inside its body is reported as truncated.

    >>> parse_code("Here:\\n```python\\ndef task(grid):\\n    return grid\\n```\\nDone").code
    'def task(grid):\\n    return grid'
    >>> parse_code("no code here").error
    'no code found in the response'
    """
    blocks = [body for lang, body in _FENCE.findall(response) if lang.lower() in _CODE_LANGS]
    if not blocks and "def task" in response:
        blocks = [response[response.index("def task"):]]
    if not blocks:
        return ParsedCode(None, "no code found in the response")
    defining = [b for b in blocks if re.search(r"^\s*def task\s*\(", b, re.M)]
    if not defining:
        return ParsedCode(None, "no function named `task` in the code")
    code = defining[0].strip("\n").rstrip()
    try:
        ast.parse(code)
    except SyntaxError as e:
        error = f"syntax error: {e.msg} (line {e.lineno})"
        lines = code.splitlines()
        for end in range(len(lines) - 1, 0, -1):  # the longest prefix that parses
            prefix = "\n".join(lines[:end]).rstrip()
            try:
                tree = ast.parse(prefix)
            except SyntaxError:
                continue
            if not any(isinstance(n, ast.FunctionDef) and n.name == "task" for n in tree.body):
                break
            dropped = next(ln for ln in lines[end:] if ln.strip())
            if dropped[:1] in (" ", "\t"):  # the cut falls inside an indented body
                return ParsedCode(None, f"{error}; the code looks truncated", code)
            return ParsedCode(prefix, None, prefix)
        return ParsedCode(None, error, code)
    return ParsedCode(code, None, code)


@dataclass(frozen=True)
class FittedPrompt:
    messages: list[dict[str, str]]
    n_tokens: int
    kept_pairs: int
    dropped_pairs: int


def fit_messages(
    pairs: Sequence[Pair], count_tokens: Callable[[list[dict[str, str]]], int], budget: int,
    test_inputs: Sequence[np.ndarray] = (), code: str | None = None, fmt: str = DEFAULT_GRID_FORMAT,
) -> FittedPrompt | None:
    """Drop train pairs from the end until the messages fit ``budget`` tokens, keeping at least one.

    Returns ``None`` when even a single pair does not fit.
    """
    pairs = list(pairs)
    for keep in range(len(pairs), 0, -1):
        messages = code_from_examples_messages(pairs[:keep], test_inputs, code, fmt)
        n = count_tokens(messages)
        if n <= budget:
            return FittedPrompt(messages, n, keep, len(pairs) - keep)
    return None


# ---------------------------------------------------------------- prompt kinds beyond code-from-examples

PROMPT_KINDS = ("code_from_examples", "neighbours", "output_from_code")
DEFAULT_PROMPT_KIND = "code_from_examples"

NEIGHBOURS_INSTRUCTION = (
    "After the examples come programs written for similar puzzles, each with how its outputs "
    "compare with the example outputs. None of them is known to be right here: adapt the closest "
    "one, or write a new program."
)
OUTPUT_FROM_CODE_INSTRUCTION = (
    "Apply this Python function `task(grid)` (numpy as `np` and the omni-arc DSL are imported) to "
    "the input grid below, and answer with the output grid only, in the same format as the input."
)


@dataclass(frozen=True)
class NeighbourText:
    """A near program as a prompt shows it: its id (for the records), one line on how it does, its source."""

    program_id: str
    summary: str
    source: str


def neighbours_text(neighbours: Sequence[NeighbourText]) -> str:
    """The near programs as the tail of the user message.

    >>> print(neighbours_text([NeighbourText("a", "right shapes, 50% of cells, no pair exact",
    ...                                      "def task(grid):\\n    return grid")]))
    ## Similar program 1 (right shapes, 50% of cells, no pair exact)
    ```python
    def task(grid):
        return grid
    ```
    """
    return "\n\n".join(f"## Similar program {i} ({n.summary})\n{format_answer(n.source)}"
                       for i, n in enumerate(neighbours, 1))


def neighbours_messages(
    pairs: Sequence[Pair], neighbours: Sequence[NeighbourText], test_inputs: Sequence[np.ndarray] = (),
    code: str | None = None, fmt: str = DEFAULT_GRID_FORMAT,
) -> list[dict[str, str]]:
    """Code-from-examples followed by the near programs; with ``code`` the answer is appended.
    Without neighbours it is exactly :func:`code_from_examples_messages`."""
    messages = code_from_examples_messages(pairs, test_inputs, code, fmt)
    if neighbours:
        messages[1] = {"role": "user", "content": f"{messages[1]['content']}\n\n{NEIGHBOURS_INSTRUCTION}"
                                                  f"\n\n{neighbours_text(neighbours)}"}
    return messages


def output_from_code_messages(
    code: str, grid: np.ndarray, output: np.ndarray | None = None, fmt: str = DEFAULT_GRID_FORMAT,
) -> list[dict[str, str]]:
    """Chat messages asking for ``task(grid)``'s output; with ``output`` the answer (the grid) is appended."""
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"{OUTPUT_FROM_CODE_INSTRUCTION}\n\n{format_answer(code)}\n\n"
                                    f"### Input\n{encode_grid(grid, fmt)}"},
    ]
    if output is not None:
        messages.append({"role": "assistant", "content": encode_grid(output, fmt)})
    return messages


@dataclass(frozen=True)
class FittedNeighbours(FittedPrompt):
    """A fitted neighbours prompt: also how many near programs it kept and dropped."""

    kept_neighbours: int
    dropped_neighbours: int


def fit_neighbours_messages(
    pairs: Sequence[Pair], neighbours: Sequence[NeighbourText],
    count_tokens: Callable[[list[dict[str, str]]], int], budget: int, test_inputs: Sequence[np.ndarray] = (),
    code: str | None = None, fmt: str = DEFAULT_GRID_FORMAT, min_pairs: int = 1,
) -> FittedNeighbours | None:
    """Fit ``budget`` tokens by dropping neighbours first (the least near, last, goes first), then
    train pairs from the end (keeping at least ``min_pairs``); None when nothing fits."""
    pairs, neighbours = list(pairs), list(neighbours)
    for keep_n in range(len(neighbours), -1, -1):
        messages = neighbours_messages(pairs, neighbours[:keep_n], test_inputs, code, fmt)
        n = count_tokens(messages)
        if n <= budget:
            return FittedNeighbours(messages, n, len(pairs), 0, keep_n, len(neighbours) - keep_n)
    fit = fit_messages(pairs, count_tokens, budget, test_inputs, code, fmt)
    if fit is None or fit.kept_pairs < min_pairs:
        return None
    return FittedNeighbours(fit.messages, fit.n_tokens, fit.kept_pairs, fit.dropped_pairs, 0, len(neighbours))


# ---------------------------------------------------------------- the repair prompt

REPAIR_INSTRUCTION = (
    "Each example below maps an input grid to an output grid with the same hidden rule. The "
    "program after the examples tries to implement the rule as `task(grid)` but fails; the "
    "feedback says how it behaved when it was run. Write a corrected `task(grid)`. `grid` is a "
    "2-D numpy array of colours 0-9; return the output grid. You may use numpy (as `np`) and the "
    "omni-arc DSL, whose functions are already imported. Answer with one ```python block."
)


def repair_messages(
    pairs: Sequence[Pair], program: str, feedback: str, code: str | None = None,
    fmt: str = DEFAULT_GRID_FORMAT,
) -> list[dict[str, str]]:
    """Chat messages asking to fix ``program`` given the examples and ``feedback`` (see
    :mod:`omni_arc.feedback`); with ``code`` the assistant answer (the fixed program) is appended.

    >>> from omni_arc.data import Pair
    >>> m = repair_messages([Pair(np.array([[1]]), np.array([[2]]))], "def task(grid):\\n    return grid",
    ...                     "Example 1 is wrong.")
    >>> [x["role"] for x in m], m[1]["content"].count("## Program"), m[1]["content"].endswith("wrong.")
    (['system', 'user'], 1, True)
    """
    body = (f"{REPAIR_INSTRUCTION}\n\n{examples_text(pairs, (), fmt)}\n\n"
            f"## Program\n{format_answer(program)}\n\n## Feedback\n{feedback}")
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": body}]
    if code is not None:
        messages.append({"role": "assistant", "content": format_answer(code)})
    return messages


def fit_repair_messages(
    pairs: Sequence[Pair], program: str, feedback: Callable[[dict[int, int]], str],
    count_tokens: Callable[[list[dict[str, str]]], int], budget: int, failing: int | None = None,
    code: str | None = None, fmt: str = DEFAULT_GRID_FORMAT,
) -> tuple[FittedPrompt, list[int]] | None:
    """The repair prompt within ``budget`` tokens: train pairs other than ``failing`` are dropped
    from the end first; the failing pair always stays. ``feedback(numbers)`` renders the feedback
    for the pairs kept (``numbers`` maps a pair index to the example number it is shown under).
    Returns the fitted prompt and the indices of the pairs kept, or None when even the failing
    pair alone does not fit."""
    n = len(pairs)
    keep_first = [i for i in range(n) if i != failing]
    must = [failing] if failing is not None and 0 <= failing < n else []
    for k in range(len(keep_first), -1, -1):
        kept = sorted(keep_first[:k] + must)
        if not kept:
            break
        numbers = {i: j for j, i in enumerate(kept, 1)}
        messages = repair_messages([pairs[i] for i in kept], program, feedback(numbers), code, fmt)
        tokens = count_tokens(messages)
        if tokens <= budget:
            return FittedPrompt(messages, tokens, len(kept), n - len(kept)), kept
    return None
