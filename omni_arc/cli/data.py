"""`omni data ...`: look at ARC tasks and dataset statistics. (`omni data build`, the training
samples, is registered here by the training code.)"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app

data_app = typer.Typer(no_args_is_help=True, help="ARC datasets: show tasks, statistics.")
app.add_typer(data_app, name="data")

DATASET_HELP = ("Bundled name (arc-agi-1/training, arc-agi-1/evaluation, arc-agi-2/training, "
                "arc-agi-2/evaluation), a Kaggle *_challenges.json, a task .json or a folder of them.")


@data_app.command("show")
def show_cmd(
    task_id: str = typer.Argument(..., help="Task id, e.g. 007bbfb7."),
    dataset: str = typer.Option("arc-agi-1/training", "--dataset", "-d", help=DATASET_HELP),
    digits: bool = typer.Option(False, "--digits", help="Print each cell's digit on its colour."),
) -> None:
    """Print a task's grids in colour: train pairs (input → output), then test inputs (and
    their outputs when the dataset has them)."""
    from omni_arc.data import load_task
    from omni_arc.render import show_task

    show_task(load_task(task_id, dataset), digits=digits, dataset=dataset)


@data_app.command("stats")
def stats_cmd(
    dataset: str = typer.Option("arc-agi-1/training", "--dataset", "-d", help=DATASET_HELP),
    tokenizer: Optional[str] = typer.Option(
        None, "--tokenizer", "-t", help="Model folder or prepared model name whose tokenizer "
        "counts prompt tokens (default: smollm2-135m when prepared)."),
    no_tokens: bool = typer.Option(False, "--no-tokens", help="Skip prompt token lengths (fast)."),
    with_test_inputs: bool = typer.Option(
        False, "--with-test-inputs", help="Count prompts that include the test inputs."),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
) -> None:
    """The dataset's source file and content hash, task counts, pairs, grid sizes, and
    code-from-examples prompt token lengths."""
    from dataclasses import replace

    from rich.console import Console

    from omni_arc.data import dataset_source, load_dataset
    from omni_arc.models import DEFAULT_MODEL, default_models_dir, load_tokenizer
    from omni_arc.stats import (chat_token_counter, dataset_stats, prompt_token_lengths,
                                stats_renderable, token_stats)

    tasks = load_dataset(dataset)
    stats = dataset_stats(tasks, dataset_source(dataset))
    console = Console(stderr=as_json)
    if not no_tokens and tokenizer is None:
        if (default_models_dir() / DEFAULT_MODEL).is_dir():
            tokenizer = DEFAULT_MODEL
        else:
            console.print(f"(no tokenizer: {DEFAULT_MODEL} is not prepared; pass --tokenizer "
                          "or run `omni models prepare` for prompt token lengths)")
    if not no_tokens and tokenizer is not None:
        from rich.progress import track

        tok = load_tokenizer(tokenizer)
        lengths = prompt_token_lengths(
            tasks, chat_token_counter(tok), with_test_inputs,
            progress=lambda it: track(it, description="tokenizing prompts", console=console,
                                      transient=True))
        stats = replace(stats, tokens=token_stats(lengths, str(tokenizer), with_test_inputs))
    if as_json:
        typer.echo(json.dumps({"dataset": dataset, **stats.to_json()}, indent=2))
    else:
        console.print(stats_renderable(stats, f"dataset {dataset}"))


@data_app.command("build")
def build_cmd(
    out: Path = typer.Option(..., "--output-file", help="JSONL file to write the samples to."),
    n: int = typer.Option(16, "--num-samples", help="Number of samples."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: the config's seed)."),
    config: Path = typer.Option(Path("configs/cpu-default.yaml"), "--config", "-c",
                                help="Training config whose data settings (and tokenizer) to use."),
    split: str = typer.Option("train", "--split", help="train, or val (the held-out library tasks)."),
    overrides: list[str] = typer.Option([], "--set", help="Override a config value, e.g. data.max_pairs=3."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only this sample kind (code_from_examples, "
                                       "repair, neighbours, output_from_code) [default: the config's data.kinds mix]."),
) -> None:
    """Build training samples (code-from-examples chat prompt + program) from the library, exactly
    as `omni train` would, and write them to a JSONL file for inspection."""
    from train.build import build_to_file, format_report

    typer.echo(format_report(build_to_file(out, n, config, seed, split, overrides, kind)), err=True)


from omni_arc.cli import synth as _synth  # noqa: E402,F401  (omni data synth / relabel)
