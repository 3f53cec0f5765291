"""`omni dsl reference`: the list of DSL primitives with signatures and docstrings."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app

dsl_app = typer.Typer(no_args_is_help=True, help="The DSL that programs are written in.")
app.add_typer(dsl_app, name="dsl")


@dsl_app.command("reference")
def reference_cmd(
    markdown: bool = typer.Option(False, "--markdown", help="Markdown with doctest examples instead of plain text."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", help="Write to this file instead of stdout."),
) -> None:
    """Print every primitive (signature and one-line description), or Markdown with examples."""
    from omni_arc.dsl.reference import reference_markdown, reference_text
    from omni_arc.errors import UserError

    text = reference_markdown() if markdown else reference_text()
    if output_file is None:
        typer.echo(text, nl=False)
        return
    try:
        output_file.write_text(text)
    except OSError as e:
        raise UserError(f"--output-file {output_file}: cannot write ({e.strerror})") from None
    logging.getLogger(__name__).info("wrote %s", output_file)
