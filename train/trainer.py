"""The training recipe: a :class:`~train.config.TrainConfig` in, a trl ``SFTTrainer`` with a LoRA
adapter out; :func:`run_training` runs it to the end (resuming from the last checkpoint).

Layout of a run folder::

    config.yaml            the resolved configuration (saved before anything else)
    data/train.jsonl       the samples (built once; a resumed run reuses them)
    data/val.jsonl, data/report.json
    checkpoint-<step>/     adapter, optimizer, scheduler, RNG state, tokenizer + chat template
    adapter/               the final LoRA adapter with tokenizer + chat template
    metrics.jsonl          every log line (see train.callbacks.MetricsJsonl)
    summary.json           steps, seconds per step, losses, peak memory
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import yaml

from omni_arc.errors import UserError
from omni_arc.io import atomic_write_json, atomic_write_jsonl, read_jsonl

from train.config import ConfigError, TrainConfig, config_from_dict, save_config

log = logging.getLogger(__name__)

# Config sections that define what is trained: a run folder cannot be resumed with others.
_IDENTITY_KEYS = ("model", "seed", "eos_token", "data", "lora")


def world() -> tuple[int, int]:
    """``(rank, world_size)`` from the launcher's environment (``torch.distributed.run``, accelerate)."""
    return int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))


def prepare_output_dir(cfg: TrainConfig, output_dir: str | Path) -> Path:
    """Create the run folder and save ``config.yaml``; refuse to resume a run that trained something else."""
    out = Path(output_dir)
    saved = out / "config.yaml"
    if saved.exists():
        try:
            old = config_from_dict(yaml.safe_load(saved.read_text()), str(saved)).to_dict()
        except (UserError, yaml.YAMLError):
            old = None
        new = cfg.to_dict()
        if old is not None:
            for key in _IDENTITY_KEYS:
                if old[key] != new[key]:
                    raise ConfigError(
                        f"{saved}: {key} differs from the run already in {out}; "
                        f"use a new --output-dir (or delete that folder) to train with the new settings"
                    )
    if world()[0] == 0:
        out.mkdir(parents=True, exist_ok=True)
        save_config(cfg, saved)
    return out


def check_model_dir(model: str | Path, key: str = "model") -> Path:
    path = Path(model)
    if not (path / "config.json").exists():
        hint = " (run `omni models prepare smollm2-135m`)" if "smollm2" in str(path) else ""
        raise ConfigError(f"{key}: {path} is not a model folder with a config.json{hint}")
    return path


def load_tokenizer(cfg: TrainConfig):
    """The base model's chat tokenizer (:func:`omni_arc.models.load_tokenizer`) with ``eos_token``
    as its end of sequence (and pad, when unset)."""
    from omni_arc.models import load_tokenizer as load

    tok = load(check_model_dir(cfg.model), chat=True)
    if cfg.eos_token not in tok.get_vocab():
        raise ConfigError(f"eos_token: {cfg.eos_token!r} is not in the vocabulary of {cfg.model}")
    tok.eos_token = cfg.eos_token
    if tok.pad_token is None:
        tok.pad_token = cfg.eos_token
    return tok


# ---------------------------------------------------------------- data

def ensure_samples(
    cfg: TrainConfig, out: Path, tokenizer, progress: bool = True, tasks=None, run=None,
) -> tuple[Path, Path]:
    """``data/train.jsonl`` and ``data/val.jsonl`` of the run, built once by the main process
    (the others wait at accelerate's barrier).

    ``tasks`` (default: the whole library) and ``run`` (default: the sandbox) are for tests."""
    data = out / "data"
    train_path, val_path, report_path = data / "train.jsonl", data / "val.jsonl", data / "report.json"
    state = distributed_state(cfg)
    with state.main_process_first():  # the others wait at accelerate's barrier, then find the data built
        if state.is_main_process and not report_path.exists():
            _build_samples(cfg, tokenizer, train_path, val_path, report_path, progress, tasks, run)
    return train_path, val_path


def distributed_state(cfg: TrainConfig):
    """accelerate's ``PartialState`` of this process (the process group, when launched by
    torch.distributed.run or accelerate, with ``training.ddp_backend`` and ``training.ddp_timeout``)."""
    from datetime import timedelta

    from accelerate import PartialState

    kwargs: dict[str, Any] = {"timeout": timedelta(seconds=cfg.training.get("ddp_timeout", 1800))}
    if cfg.training.get("ddp_backend"):
        kwargs["backend"] = cfg.training["ddp_backend"]
    return PartialState(**kwargs)


def _build_samples(cfg: TrainConfig, tokenizer, train_path: Path, val_path: Path, report_path: Path,
                   progress: bool, tasks, run) -> None:
    from contextlib import nullcontext

    from train.dataset import build_split, check_tasks, library_tasks, log, sandbox_runner, token_counter

    count = token_counter(tokenizer) if cfg.data.max_tokens else None
    reports = {}
    with (nullcontext(run) if run else sandbox_runner(cfg.data.exec_timeout_s)) as run:
        tasks = library_tasks() if tasks is None else tasks
        broken = check_tasks(tasks, run) if tasks else {}
        for tid, why in broken.items():
            log.warning("library task %s left out of training: %s", tid, why)
        for split, n, path in (("train", cfg.n_train_samples(), train_path),
                               ("val", cfg.data.val_samples, val_path)):
            samples, report = build_split(cfg.data, cfg.seed, n, split, count, run, tasks, progress, broken)
            atomic_write_jsonl(path, samples)
            reports[split] = {**report.__dict__, "tasks": sorted({s["task_id"] for s in samples})}
    atomic_write_json(report_path, reports, indent=1)  # written last: marks the data complete


def _dataset(path: Path):
    from datasets import Dataset

    rows = [{"prompt": r["prompt"], "completion": r["completion"]} for r in read_jsonl(path)]
    return Dataset.from_list(rows) if rows else None


# ---------------------------------------------------------------- trainer

def use_bf16(setting: Any) -> bool:
    """``training.bf16``: true/false, or "auto" = bfloat16 where this hardware computes it natively
    (the rule of :func:`omni_arc.dtype.resolve_dtype`, shared with inference)."""
    from omni_arc import dtype

    if setting != "auto":
        return bool(setting)
    return dtype.resolve_dtype("default", dtype.default_device()) == "bfloat16"


def sft_config(cfg: TrainConfig, out: Path, has_eval: bool):
    """trl ``SFTConfig`` from ``cfg.training`` (SFTConfig's own field names) plus what the project
    derives: output folder, seed, end-of-turn token, gradient accumulation for this world size,
    ``bf16: auto``, and defaults that depend on the run (sequence length, device, validation set)."""
    import torch
    from trl import SFTConfig

    t = dict(cfg.training)
    t.pop("effective_batch_size")
    _, world_size = world()
    cuda = torch.cuda.is_available()
    os.environ.setdefault("TENSORBOARD_LOGGING_DIR", str(out / "tensorboard"))  # when report_to has tensorboard
    kwargs: dict[str, Any] = {
        **t, "output_dir": str(out), "seed": cfg.seed, "data_seed": cfg.seed, "eos_token": cfg.eos_token,
        "gradient_accumulation_steps": cfg.gradient_accumulation(world_size), "bf16": use_bf16(t["bf16"]),
    }
    # Samples already fit data.max_tokens; padding-free batches are not cut (trl wants max_length=None).
    kwargs.setdefault("max_length", None if t.get("padding_free") or not cfg.data.max_tokens else cfg.data.max_tokens)
    kwargs.setdefault("use_cpu", not cuda)
    if not has_eval:  # no validation samples: nothing to evaluate on
        kwargs.update(eval_strategy="no", eval_on_start=False)
    if world_size > 1:
        kwargs.setdefault("ddp_backend", None if cuda else "gloo")
        kwargs.setdefault("ddp_find_unused_parameters", False)
    try:
        return SFTConfig(**kwargs)
    except (ValueError, TypeError) as e:  # SFTConfig's own checks of the values
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ConfigError(f"{getattr(cfg, 'source', out / 'config.yaml')}: training: {first}") from None


def lora_config(cfg: TrainConfig):
    from peft import LoraConfig

    lo = cfg.lora
    return LoraConfig(
        r=lo.r, lora_alpha=lo.alpha, lora_dropout=lo.dropout, target_modules=lo.target_modules,
        use_rslora=lo.use_rslora, use_dora=lo.use_dora, task_type="CAUSAL_LM",
    )


def build_trainer(cfg: TrainConfig, output_dir: str | Path, progress: bool = True, tasks=None, run=None,
                  init_adapter: str | Path | None = None):
    """Everything up to ``trainer.train()``: run folder, samples, model, LoRA, ``SFTTrainer``.
    ``init_adapter``: a LoRA adapter folder to continue training from (its own LoRA settings)
    instead of a fresh adapter of ``cfg.lora``."""
    import torch
    from transformers import AutoModelForCausalLM
    from trl import SFTTrainer

    from train.callbacks import MetricsJsonl

    if cfg.torch_threads:
        torch.set_num_threads(cfg.torch_threads)
    out = prepare_output_dir(cfg, output_dir)
    tokenizer = load_tokenizer(cfg)
    sft_config(cfg, out, has_eval=True)  # SFTConfig's own checks of the values, before samples are built
    train_path, val_path = ensure_samples(cfg, out, tokenizer, progress, tasks, run)
    train_ds, val_ds = _dataset(train_path), _dataset(val_path)
    if train_ds is None:
        raise UserError(f"{train_path}: no training samples were built (see {out / 'data/report.json'})")
    args = sft_config(cfg, out, has_eval=val_ds is not None)
    model = AutoModelForCausalLM.from_pretrained(  # absolute: the adapter config records this path
        str(Path(cfg.model).resolve()), dtype=torch.bfloat16 if args.bf16 else torch.float32,
    )
    peft_config = lora_config(cfg)
    if init_adapter is not None:
        from peft import PeftModel

        if not (Path(init_adapter) / "adapter_config.json").exists():
            raise UserError(f"{init_adapter}: no adapter_config.json there; expected a LoRA adapter folder")
        model, peft_config = PeftModel.from_pretrained(model, str(init_adapter), is_trainable=True), None
    metrics = MetricsJsonl(out / "metrics.jsonl")
    trainer = SFTTrainer(
        model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds,
        processing_class=tokenizer, peft_config=peft_config, callbacks=[metrics],
    )
    trainer.omni_metrics = metrics  # for the summary
    return trainer


def last_checkpoint(output_dir: str | Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    out = Path(output_dir)
    return get_last_checkpoint(str(out)) if out.is_dir() else None


def run_training(
    cfg: TrainConfig, output_dir: str | Path, progress: bool = True, tasks=None, run=None,
    init_adapter: str | Path | None = None,
) -> dict[str, Any]:
    """Train to ``max_steps`` (resuming from the last checkpoint in ``output_dir``), save the final
    adapter with its tokenizer to ``<output_dir>/adapter`` and return the summary (also in summary.json).
    ``init_adapter``: start from this LoRA adapter instead of a fresh one (see :func:`build_trainer`)."""
    from train.callbacks import peak_rss_mb

    out = Path(output_dir)
    resume = last_checkpoint(out)
    trainer = build_trainer(cfg, out, progress, tasks, run, init_adapter)
    if resume:
        log.warning("resuming from %s", resume)
    started = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=resume)
    wall = time.perf_counter() - started
    trainer.save_model(str(out / "adapter"))
    summary = _summary(cfg, trainer, result, wall, resume, peak_rss_mb())
    if trainer.is_world_process_zero():
        atomic_write_json(out / "summary.json", summary, indent=1)
    return summary


def _summary(cfg, trainer, result, wall: float, resume: str | None, peak_mb: float) -> dict[str, Any]:
    history = trainer.state.log_history
    losses = [(h["step"], h["loss"]) for h in history if "loss" in h]
    evals = [(h["step"], h["eval_loss"]) for h in history if "eval_loss" in h]
    steps = trainer.omni_metrics.step_times
    _, world_size = world()
    return {
        "global_step": trainer.state.global_step,
        "steps_this_session": len(steps),
        "resumed_from": resume,
        "wall_s": round(wall, 1),
        "s_per_step": round(sum(steps) / len(steps), 3) if steps else None,
        "train_loss_first": losses[0][1] if losses else None,
        "train_loss_last": losses[-1][1] if losses else None,
        "eval_loss": evals,
        "peak_rss_mb": round(peak_mb, 1),
        "num_tokens": next((h["num_tokens"] for h in reversed(history) if "num_tokens" in h), None),
        "world_size": world_size,
        "effective_batch_size": cfg.training["effective_batch_size"],
        "gradient_accumulation_steps": trainer.args.gradient_accumulation_steps,
        "bf16": trainer.args.bf16,
        "train_samples": len(trainer.train_dataset),
        "val_samples": len(trainer.eval_dataset) if trainer.eval_dataset is not None else 0,
        "metrics": result.metrics,
    }
