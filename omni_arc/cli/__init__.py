"""The ``omni`` command-line app. Commands only parse arguments and delegate; heavy imports
(torch, transformers, vllm) happen inside the commands that need them, so ``omni --help`` is fast."""
from __future__ import annotations

import sys

import typer

from omni_arc.errors import UserError

app = typer.Typer(
    name="omni", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="omni-arc: teach language models to solve ARC-AGI tasks by writing programs.",
)

# Each module below registers its commands on `app` (sub-apps or top-level commands).
from omni_arc.cli import data as _data  # noqa: E402,F401
from omni_arc.cli import library as _library  # noqa: E402,F401
from omni_arc.cli import dsl as _dsl  # noqa: E402,F401
from omni_arc.cli import models as _models  # noqa: E402,F401
from omni_arc.cli import verify as _verify  # noqa: E402,F401
from omni_arc.cli import train as _train  # noqa: E402,F401
from omni_arc.cli import infer as _infer  # noqa: E402,F401
from omni_arc.cli import evaluate as _evaluate  # noqa: E402,F401
from omni_arc.cli import search as _search  # noqa: E402,F401


def main() -> None:
    """Entry point: run the app; a :class:`UserError` becomes one line on stderr and exit code 2."""
    try:
        app(standalone_mode=True)
    except UserError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(2)
