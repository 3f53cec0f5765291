"""Terminal rendering of grids and tasks with rich: one coloured cell per value, ARC's palette.

Without colour (a pipe, ``NO_COLOR``) or with ``digits=True`` every cell shows its digit, so
the output stays readable as plain text.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from omni_arc.data import Task

# The usual ARC palette, colour index -> hex.
ARC_COLORS = (
    "#000000",  # 0 black
    "#0074D9",  # 1 blue
    "#FF4136",  # 2 red
    "#2ECC40",  # 3 green
    "#FFDC00",  # 4 yellow
    "#AAAAAA",  # 5 grey
    "#F012BE",  # 6 magenta
    "#FF851B",  # 7 orange
    "#7FDBFF",  # 8 sky
    "#870C25",  # 9 maroon
)
_LIGHT = {3, 4, 5, 8}  # backgrounds on which a digit reads better in black


def grid_text(grid: np.ndarray, digits: bool = False) -> Text:
    """The grid as rich ``Text``: two characters per cell, coloured background.

    >>> grid_text(np.array([[0, 1], [2, 3]]), digits=True).plain
    ' 0 1\\n 2 3'
    """
    text = Text()
    for r, row in enumerate(np.asarray(grid)):
        if r:
            text.append("\n")
        for v in row:
            v = int(v)
            fg = "black" if v in _LIGHT else "white"
            text.append(f" {v}" if digits else "  ", style=f"{fg} on {ARC_COLORS[v]}")
    return text


def grid_block(grid: np.ndarray | None, title: str, digits: bool = False) -> Text:
    """A titled grid (``title HxW`` above it); ``None`` renders as an unknown answer."""
    if grid is None:
        return Text.assemble((title, "bold"), "\n?")
    grid = np.asarray(grid)
    block = Text()
    block.append(f"{title} {grid.shape[0]}x{grid.shape[1]}\n", style="bold")
    block.append_text(grid_text(grid, digits))
    return block


def _width(block: Text) -> int:
    return max(len(line) for line in block.plain.split("\n"))


def pair_row(inp: np.ndarray, out: np.ndarray | None, label: str, width: int,
             digits: bool = False) -> RenderableType:
    """Input and output side by side when they fit in ``width`` columns, else one above the other."""
    left = grid_block(inp, f"{label} input", digits)
    right = grid_block(out, "output", digits)
    needed = _width(left) + 5 + _width(right)
    if needed > width:
        return Group(left, Text("↓"), right)
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, vertical="middle")
    table.add_column(no_wrap=True)
    table.add_row(left, Text("→"), right)
    return table


def task_renderable(task: Task, width: int = 120, digits: bool = False,
                    dataset: str = "") -> RenderableType:
    """The whole task: train pairs, then test inputs with their outputs when known."""
    where = f" ({dataset})" if dataset else ""
    parts: list[RenderableType] = [
        Text(f"task {task.id}{where}: {len(task.train)} train pairs, {len(task.test)} test inputs",
             style="bold underline"),
    ]
    for i, p in enumerate(task.train, 1):
        parts += [Text(""), pair_row(p.input, p.output, f"train {i}", width, digits)]
    for i, p in enumerate(task.test, 1):
        parts += [Text(""), pair_row(p.input, p.output, f"test {i}", width, digits)]
    return Group(*parts)


def show_task(task: Task, console: Console | None = None, digits: bool = False,
              dataset: str = "") -> None:
    """Print ``task`` to the terminal; digits are shown whenever the console has no colour."""
    console = console or Console()
    digits = digits or console.color_system is None
    console.print(task_renderable(task, console.width, digits, dataset))


def show_grids(grids: Sequence[np.ndarray], console: Console | None = None, digits: bool = False) -> None:
    """Print a few grids one after another (handy in notebooks and debugging)."""
    console = console or Console()
    digits = digits or console.color_system is None
    for i, g in enumerate(grids, 1):
        console.print(grid_block(g, f"grid {i}", digits))
