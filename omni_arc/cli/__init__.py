"""The ``omni`` command-line app. Commands only parse arguments and delegate; heavy imports
(torch, transformers, vllm) happen inside the commands that need them, so ``omni --help`` is fast.

One output style: results go to stdout; progress bars (rich) and messages go to stderr, messages
through :mod:`logging` (``logging.getLogger(__name__)`` in every module; :func:`setup_logging`
shows them through rich); a user mistake is one ``error: ...`` line and exit code 2."""
from __future__ import annotations

import logging
import sys

import typer

from omni_arc.errors import UserError

app = typer.Typer(
    name="omni", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="omni-arc: teach language models to solve ARC-AGI tasks by writing programs.",
)


def parse_task_ids(text: str | None, option: str = "--tasks") -> list[str] | None:
    """Comma-separated task ids of ``--tasks`` (``None``: no selection).

    >>> parse_task_ids("007bbfb7, 00d62c1b")
    ['007bbfb7', '00d62c1b']
    """
    if text is None:
        return None
    ids = [t.strip() for t in text.split(",") if t.strip()]
    if not ids:
        raise UserError(f"{option}: expected comma-separated task ids, e.g. 007bbfb7,00d62c1b")
    return ids


# Each module below registers its commands on `app` (sub-apps or top-level commands).
from omni_arc.cli import data as _data  # noqa: E402,F401
from omni_arc.cli import library as _library  # noqa: E402,F401
from omni_arc.cli import dsl as _dsl  # noqa: E402,F401
from omni_arc.cli import models as _models  # noqa: E402,F401
from omni_arc.cli import verify as _verify  # noqa: E402,F401
from omni_arc.cli import train as _train  # noqa: E402,F401
from omni_arc.cli import infer as _infer  # noqa: E402,F401
from omni_arc.cli import evaluate as _evaluate  # noqa: E402,F401
from omni_arc.cli import loop as _loop  # noqa: E402,F401
from omni_arc.cli import search as _search  # noqa: E402,F401


def setup_logging(level: int = logging.INFO) -> None:
    """Show the messages of omni-arc's own loggers (``omni_arc``, ``train``, ``infer``) on stderr."""
    from rich.console import Console
    from rich.logging import RichHandler

    handler = RichHandler(console=Console(stderr=True), show_time=False, show_path=False, markup=False)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("omni_arc", "train", "infer"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.handlers[:] = [handler]
        logger.propagate = False


def main() -> None:
    """Entry point: run the app; a :class:`UserError` becomes one line on stderr and exit code 2."""
    setup_logging()
    try:
        app(standalone_mode=True)
    except UserError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(2)
