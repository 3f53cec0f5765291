"""`omni train` and `omni merge-lora` (registered on the main app)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import List, Optional

import typer

from omni_arc.cli import app

log = logging.getLogger(__name__)


@app.command("train")
def train_cmd(
    config: Path = typer.Option(Path("configs/cpu-default.yaml"), "--config", "-c", help="YAML run config."),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", help="Run folder (default: the config's output_dir). An existing "
        "run there is resumed from its last checkpoint."),
    overrides: List[str] = typer.Option(
        [], "--set", help="Override a config value, e.g. --set training.max_steps=100 (repeatable); "
        "training.* are trl SFTConfig fields by their own names."),
    num_processes: int = typer.Option(
        1, "--num-processes", help="Data-parallel processes (GPUs, or CPU processes with gloo); "
        "the effective batch size stays as configured."),
) -> None:
    """LoRA fine-tuning on the library's code-from-examples samples (trl SFTTrainer)."""
    import json

    from train.launch import train_main

    summary = train_main(config, output_dir, overrides, num_processes)
    if summary is not None:
        keys = ("global_step", "s_per_step", "train_loss_first", "train_loss_last", "eval_loss", "peak_rss_mb")
        typer.echo(json.dumps({k: summary[k] for k in keys}))


@app.command("merge-lora")
def merge_lora_cmd(
    adapter: Path = typer.Option(..., "--adapter", help="LoRA adapter folder (e.g. runs/train/NAME/adapter)."),
    output: Path = typer.Option(..., "--output-dir", "-o", help="Where to write the merged model."),
    base: Optional[Path] = typer.Option(
        None, "--base", help="Base model folder (default: the adapter config's base_model_name_or_path)."),
) -> None:
    """Merge a LoRA adapter into its base model; saved in the base's dtype with tokenizer and chat
    template, ready for vLLM."""
    from train.merge import merge_lora

    merge_lora(adapter, output, base, log=log.info)
