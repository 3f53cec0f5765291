"""Dataset statistics: task and pair counts, grid sizes, and prompt token lengths.

Token lengths are those of the code-from-examples prompt (:mod:`omni_arc.prompts`) rendered
through a tokenizer's chat template, ready for the assistant's answer.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from omni_arc.data import Task, dataset_hash
from omni_arc.prompts import DEFAULT_GRID_FORMAT, code_from_examples_messages, render_prompt

TOKEN_THRESHOLDS = (2048, 4096, 8192)
SIZE_BUCKETS = ((1, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 30))


@dataclass(frozen=True)
class Summary:
    """Min / median / mean / max of a list of numbers."""

    min: float
    median: float
    mean: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> "Summary":
        """
        >>> Summary.of([1, 2, 3, 10])
        Summary(min=1, median=2.5, mean=4.0, max=10)
        """
        if not values:
            return cls(0, 0, 0, 0)
        a = np.asarray(values)
        return cls(a.min().item(), float(np.median(a)), round(float(a.mean()), 2), a.max().item())


@dataclass(frozen=True)
class DatasetStats:
    n_tasks: int
    n_train_pairs: int
    n_test_inputs: int
    n_test_outputs_known: int
    train_pairs_per_task: Summary
    test_inputs_per_task: Summary
    height: Summary
    width: Summary
    cells: Summary
    # "1-5" .. "26-30" -> number of grids whose longer side falls in that range
    max_side_buckets: dict[str, int]
    same_shape_pairs: int  # train pairs whose output has the input's shape
    tokens: "TokenStats | None" = None
    source: str = ""  # where the tasks come from (omni_arc.data.dataset_source)
    hash: str = ""  # content hash of the tasks (omni_arc.data.dataset_hash)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TokenStats:
    tokenizer: str
    with_test_inputs: bool
    lengths: Summary
    over: dict[str, int]  # threshold (as a string) -> number of tasks whose prompt exceeds it
    longest: list[tuple[str, int]] = field(default_factory=list)  # (task id, tokens), top 5


def _grids(tasks: Iterable[Task]) -> list[np.ndarray]:
    grids = []
    for t in tasks:
        for p in [*t.train, *t.test]:
            grids.append(p.input)
            if p.output is not None:
                grids.append(p.output)
    return grids


def dataset_stats(tasks: dict[str, Task], source: str = "") -> DatasetStats:
    """Counts and grid-size distribution of ``tasks`` (every grid: inputs and known outputs), their
    content hash, and ``source`` (where they were read from) as given."""
    values = list(tasks.values())
    grids = _grids(values)
    heights = [g.shape[0] for g in grids]
    widths = [g.shape[1] for g in grids]
    buckets = {f"{lo}-{hi}": 0 for lo, hi in SIZE_BUCKETS}
    for g in grids:
        side = max(g.shape)
        for lo, hi in SIZE_BUCKETS:
            if lo <= side <= hi:
                buckets[f"{lo}-{hi}"] += 1
    return DatasetStats(
        n_tasks=len(values),
        n_train_pairs=sum(len(t.train) for t in values),
        n_test_inputs=sum(len(t.test) for t in values),
        n_test_outputs_known=sum(p.output is not None for t in values for p in t.test),
        train_pairs_per_task=Summary.of([len(t.train) for t in values]),
        test_inputs_per_task=Summary.of([len(t.test) for t in values]),
        height=Summary.of(heights),
        width=Summary.of(widths),
        cells=Summary.of([h * w for h, w in zip(heights, widths)]),
        max_side_buckets=buckets,
        same_shape_pairs=sum(p.input.shape == p.output.shape for t in values for p in t.train),
        source=source,
        hash=dataset_hash(tasks),
    )


def prompt_token_lengths(
    tasks: dict[str, Task], count_tokens: Callable[[list[dict[str, str]]], int],
    with_test_inputs: bool = False, fmt: str = DEFAULT_GRID_FORMAT,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
) -> dict[str, int]:
    """Task id -> token count of its full code-from-examples prompt (all train pairs kept)."""
    lengths = {}
    for tid in progress(list(tasks)):
        task = tasks[tid]
        tests = task.test_inputs if with_test_inputs else ()
        lengths[tid] = count_tokens(code_from_examples_messages(task.train, tests, fmt=fmt))
    return lengths


def chat_token_counter(tokenizer) -> Callable[[list[dict[str, str]]], int]:
    """Count the tokens of messages rendered through ``tokenizer``'s chat template."""

    def count(messages: list[dict[str, str]]) -> int:
        text = render_prompt(tokenizer, messages)
        return len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    return count


def token_stats(lengths: dict[str, int], tokenizer_name: str, with_test_inputs: bool = False,
                thresholds: Sequence[int] = TOKEN_THRESHOLDS) -> TokenStats:
    """Summary of prompt lengths, how many exceed each threshold, and the five longest."""
    values = list(lengths.values())
    longest = sorted(lengths.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return TokenStats(
        tokenizer=tokenizer_name, with_test_inputs=with_test_inputs, lengths=Summary.of(values),
        over={str(t): sum(v > t for v in values) for t in thresholds}, longest=longest,
    )


def stats_renderable(stats: DatasetStats, title: str):
    """A rich table of ``stats`` for the terminal."""
    from rich.table import Table
    from rich.text import Text

    def s(x: Summary) -> str:
        return f"{x.min:g} / {x.median:g} / {x.mean:g} / {x.max:g}"

    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows = [
        ("source", stats.source or "–"),
        ("content hash", stats.hash or "–"),
        ("tasks", str(stats.n_tasks)),
        ("train pairs", str(stats.n_train_pairs)),
        ("test inputs (outputs known)", f"{stats.n_test_inputs} ({stats.n_test_outputs_known})"),
        ("train pairs per task  min/median/mean/max", s(stats.train_pairs_per_task)),
        ("test inputs per task  min/median/mean/max", s(stats.test_inputs_per_task)),
        ("train pairs whose output keeps the input shape", str(stats.same_shape_pairs)),
        ("grid height  min/median/mean/max", s(stats.height)),
        ("grid width   min/median/mean/max", s(stats.width)),
        ("grid cells   min/median/mean/max", s(stats.cells)),
        ("grids by longer side", "  ".join(f"{k}: {v}" for k, v in stats.max_side_buckets.items())),
    ]
    if stats.tokens is not None:
        tk = stats.tokens
        what = "prompt tokens" + (" with test inputs" if tk.with_test_inputs else "")
        rows += [
            ("tokenizer", tk.tokenizer),
            (f"{what}  min/median/mean/max", s(tk.lengths)),
            ("prompts over " + " / ".join(tk.over) + " tokens",
             " / ".join(str(v) for v in tk.over.values())),
            ("longest prompts", ", ".join(f"{tid} ({n})" for tid, n in tk.longest)),
        ]
    for name, value in rows:
        table.add_row(Text(name), Text(value))
    return table
