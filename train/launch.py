"""Entry points of ``omni train``: one process in place, or N data-parallel processes.

``--num-processes N`` builds the samples once in this process, then re-launches the training as
``python -m torch.distributed.run --standalone --nproc_per_node N -m train.launch ...`` (gloo on
CPU, nccl on GPU). Each worker reads the same saved config; gradient accumulation is divided by N
so the effective batch size stays what the config says. Launching the workers yourself works too
(``accelerate launch --num_processes N -m train.launch --config C --output-dir D``, or
``accelerate launch ... $(which omni) train ...``): the main process builds the samples while the
others wait at accelerate's barrier (``PartialState().main_process_first()``, up to
``training.ddp_timeout`` seconds).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

from train.config import TrainConfig, apply_overrides, load_config


def resolve(config: str | Path, overrides: Sequence[str] = (), output_dir: str | Path | None = None) -> TrainConfig:
    cfg = apply_overrides(load_config(config), list(overrides), where=f"{config}: --set")
    if output_dir is not None:
        cfg.output_dir = str(output_dir)
    return cfg


def train_main(
    config: str | Path, output_dir: str | Path | None = None, overrides: Sequence[str] = (),
    num_processes: int = 1,
) -> dict[str, Any] | None:
    """What ``omni train`` does. Returns the run summary (``None`` after a multi-process launch)."""
    from train.trainer import run_training, world

    cfg = resolve(config, overrides, output_dir)
    if num_processes > 1 and world()[1] == 1:
        launch(cfg, num_processes)
        return None
    cfg.gradient_accumulation(world()[1])  # fail early on an impossible batch split
    return run_training(cfg, cfg.output_dir)


def launch(cfg: TrainConfig, num_processes: int) -> None:
    """Build the samples here, then run ``num_processes`` training workers and wait for them."""
    import torch

    from train.trainer import ensure_samples, load_tokenizer, prepare_output_dir, sft_config

    cfg.gradient_accumulation(num_processes)
    out = prepare_output_dir(cfg, cfg.output_dir)
    tokenizer = load_tokenizer(cfg)
    sft_config(cfg, out, has_eval=True)  # SFTConfig's own checks of the values, before samples are built
    ensure_samples(cfg, out, tokenizer)
    env = dict(os.environ)
    if not torch.cuda.is_available():  # share the cores instead of oversubscribing them
        env.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // num_processes)))
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={num_processes}",
           "-m", "train.launch", "--config", str(out / "config.yaml"), "--output-dir", str(out)]
    done = subprocess.run(cmd, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"training workers exited with code {done.returncode} (command: {' '.join(cmd)})")


def _worker(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m train.launch", description="One training worker.")
    parser.add_argument("--config", required=True)
    parser.add_argument("--output-dir")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    args = parser.parse_args(argv)
    from omni_arc.errors import UserError

    try:
        train_main(args.config, args.output_dir, args.overrides)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    _worker()
