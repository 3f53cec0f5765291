"""`omni dsl reference`: the list of DSL primitives with signatures and docstrings."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app

dsl_app = typer.Typer(no_args_is_help=True, help="The DSL that programs are written in.")
app.add_typer(dsl_app, name="dsl")


@dsl_app.command("reference")
def reference_cmd(
    markdown: Optional[Path] = typer.Option(None, "--markdown", help="Write the reference as Markdown to this file."),
) -> None:
    """Print every primitive (signature and one-line description), or write Markdown with examples."""
    from omni_arc.dsl.reference import reference_markdown, reference_text
    from omni_arc.errors import UserError

    if markdown is None:
        typer.echo(reference_text(), nl=False)
        return
    try:
        markdown.write_text(reference_markdown())
    except OSError as e:
        raise UserError(f"--markdown {markdown}: cannot write ({e.strerror})") from None
    typer.echo(f"wrote {markdown}", err=True)
