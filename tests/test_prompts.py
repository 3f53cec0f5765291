"""Grid text formats, the code-from-examples prompt, answer parsing, and length control."""
from __future__ import annotations

import numpy as np
import pytest

from omni_arc.data import Pair
from omni_arc.program import compile_task
from omni_arc.prompts import (
    GRID_FORMATS, INSTRUCTION, SYSTEM_PROMPT, code_from_examples_messages, decode_grid,
    encode_grid, examples_text, fit_messages, format_answer, parse_code, render_prompt,
)

PAIRS = [Pair(np.array([[i, 0], [0, i]]), np.array([[0, i], [i, 0]])) for i in range(1, 5)]
CODE = "def task(grid):\n    return np.fliplr(grid)"


def test_default_format_is_shape_header_and_numbered_rows():
    assert encode_grid(np.array([[0, 1, 2], [3, 4, 5]])) == "shape: 2x3\n1 012\n2 345"


@pytest.mark.parametrize("fmt", sorted(GRID_FORMATS))
def test_every_format_round_trips_random_grids_exactly(fmt):
    rng = np.random.default_rng(0)
    for _ in range(200):
        h, w = rng.integers(1, 31, size=2)
        grid = rng.integers(0, 10, size=(h, w))
        back = decode_grid(encode_grid(grid, fmt), fmt)
        assert back.shape == grid.shape and np.array_equal(back, grid)


@pytest.mark.parametrize("text", [
    "1 01\n2 23", "shape: 2x2\n1 01", "shape: 2x2\n1 01\n3 23", "shape: 2x2\n1 01\n2 2x",
    "shape: 1x2\n1 012",
])
def test_malformed_grid_text_is_rejected(text):
    with pytest.raises(ValueError):
        decode_grid(text)


def test_messages_hold_instruction_examples_and_optional_test_inputs():
    messages = code_from_examples_messages(PAIRS[:2], [np.array([[7]])])
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"] == SYSTEM_PROMPT
    user = messages[1]["content"]
    assert user.startswith(INSTRUCTION)
    assert "## Example 2\n### Input\nshape: 2x2\n1 20\n2 02\n### Output\nshape: 2x2\n1 02\n2 20" in user
    assert "## Example 3" not in user
    assert user.endswith("## Test input 1\nshape: 1x1\n1 7")


def test_with_code_the_assistant_answer_is_one_python_block():
    messages = code_from_examples_messages(PAIRS[:1], code=CODE + "\n")
    assert messages[-1] == {"role": "assistant", "content": f"```python\n{CODE}\n```"}


def test_prompt_renders_through_the_smollm2_chat_template(smollm2_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(smollm2_dir)
    text = render_prompt(tokenizer, code_from_examples_messages(PAIRS[:2]))
    assert text.startswith(f"<|im_start|>system\n{SYSTEM_PROMPT}<|im_end|>\n<|im_start|>user\n")
    assert examples_text(PAIRS[:2]) in text
    assert text.endswith("<|im_end|>\n<|im_start|>assistant\n")
    full = tokenizer.apply_chat_template(code_from_examples_messages(PAIRS[:2], code=CODE), tokenize=False)
    assert full.endswith(f"<|im_start|>assistant\n```python\n{CODE}\n```<|im_end|>\n")
    assert full.startswith(text.removesuffix("<|im_start|>assistant\n"))


def test_a_parsed_answer_runs_as_a_program():
    parsed = parse_code(format_answer(CODE))
    assert parsed.code == CODE and parsed.error is None
    assert compile_task(parsed.code)(np.array([[1, 2]])).tolist() == [[2, 1]]


@pytest.mark.parametrize("response, code", [
    ("```python\ndef task(grid):\n    return grid\n```", "def task(grid):\n    return grid"),
    ("Sure! Here it is:\n```py\ndef task(grid):\n    return grid + 1\n```\nIt adds one.",
     "def task(grid):\n    return grid + 1"),
    ("```python\nimport numpy as np\n```\nthen\n```python\ndef task(grid):\n    return grid.T\n```\n"
     "```python\ndef task(grid):\n    return grid\n```", "def task(grid):\n    return grid.T"),
    ("```\ndef task(grid):\n    return grid\n```", "def task(grid):\n    return grid"),
    ("```text\ndef task(g): pass\n```\n```python\ndef task(grid):\n    return grid\n```",
     "def task(grid):\n    return grid"),
    ("```python\ndef task(grid):\n    x = grid\n    return x", "def task(grid):\n    x = grid\n    return x"),
    ("```python\ndef task(grid):\n    return grid\n\nThis flips the grid.\nHope it helps!",
     "def task(grid):\n    return grid"),
    ("def task(grid):\n    return grid[::-1]", "def task(grid):\n    return grid[::-1]"),
    ("```python\ndef helper(g):\n    return g\n\ndef task(grid):\n    return helper(grid)\n```",
     "def helper(g):\n    return g\n\ndef task(grid):\n    return helper(grid)"),
], ids=["single block", "prose around", "several blocks", "bare fence", "other language",
        "missing closing fence", "prose after unclosed fence", "no fences", "helper before task"])
def test_parse_code_extracts_the_task_function(response, code):
    parsed = parse_code(response)
    assert (parsed.code, parsed.error) == (code, None)


@pytest.mark.parametrize("response, error", [
    ("I cannot solve this.", "no code found in the response"),
    ("", "no code found in the response"),
    ("```python\ndef solve(grid):\n    return grid\n```", "no function named `task` in the code"),
    ("```python\ndef task(grid):\n    out = grid.copy()\n    for r in range(", "the code looks truncated"),
    ("```python\ndef task(grid):\n    return grid +\n```", "syntax error: invalid syntax (line 2)"),
    ("```python\ndef task(grid:\n```", "syntax error"),
], ids=["no code", "empty", "no task function", "truncated", "syntax error", "broken signature"])
def test_parse_code_says_why_it_found_nothing(response, error):
    parsed = parse_code(response)
    assert parsed.code is None
    assert error in parsed.error


def test_parse_code_keeps_the_block_that_does_not_parse_for_the_sandbox_to_classify():
    parsed = parse_code("```python\ndef task(grid):\n    return grid +\n```")
    assert parsed.code is None and parsed.source == "def task(grid):\n    return grid +"
    assert parse_code("no code here").source is None


def chars(messages):
    return sum(len(m["content"]) for m in messages)


def test_fit_messages_drops_trailing_pairs_until_it_fits():
    sizes = [chars(code_from_examples_messages(PAIRS[:k], code=CODE)) for k in range(1, 5)]
    fitted = fit_messages(PAIRS, chars, sizes[1] + 1, code=CODE)
    assert (fitted.kept_pairs, fitted.dropped_pairs, fitted.n_tokens) == (2, 2, sizes[1])
    assert "## Example 2" in fitted.messages[1]["content"]
    assert "## Example 3" not in fitted.messages[1]["content"]
    assert fitted.messages[-1]["role"] == "assistant"


def test_fit_messages_keeps_everything_that_fits_and_never_goes_below_one_pair():
    everything = fit_messages(PAIRS, chars, 10**6)
    assert (everything.kept_pairs, everything.dropped_pairs) == (4, 0)
    one = chars(code_from_examples_messages(PAIRS[:1]))
    assert fit_messages(PAIRS, chars, one).kept_pairs == 1
    assert fit_messages(PAIRS, chars, one - 1) is None
