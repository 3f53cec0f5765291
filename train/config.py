"""The training run configuration: a YAML file with three sections plus ``--set key=value`` overrides.

Every key is checked: an unknown key, a wrong type or an impossible value raises
:class:`ConfigError` naming the file and the dotted key. The resolved configuration is saved with
the run (``<output_dir>/config.yaml``) so a run can be resumed and reproduced.

>>> cfg = config_from_dict({"training": {"max_steps": 7}}, where="inline")
>>> cfg.training.max_steps, cfg.lora.r
(7, 16)
>>> apply_overrides(cfg, ["lora.r=8", "training.learning_rate=1e-4"]).lora.r
8
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from omni_arc.errors import UserError


class ConfigError(UserError, ValueError):
    """A configuration file or override is wrong; the message names the file and the key."""


SAMPLE_KINDS = ("code_from_examples", "repair")  # the kinds data.kinds can mix


@dataclass
class DataConfig:
    """How samples are built from the library (see :mod:`train.dataset`)."""

    train_samples: int = 0  # samples built for training; 0 = max_steps x effective_batch_size
    val_samples: int = 32  # samples built from the held-out tasks
    val_fraction: float = 0.1  # share of library tasks held out for validation (stable hash split)
    val_tasks: list[str] = field(default_factory=list)  # explicit held-out ids (overrides the fraction)
    min_pairs: int = 2  # examples per sample: drawn uniformly in [min_pairs, max_pairs]
    max_pairs: int = 5
    p_generated: float = 0.5  # chance that an example comes from generate_input (when the task has one)
    p_augment: float = 0.5  # chance to try a dihedral x colour augmentation (kept only if it checks out)
    max_tokens: int = 2048  # whole sequence budget (prompt + answer); 0 = no budget
    grid_format: str = "shape-numbered-rows"
    exec_timeout_s: float = 2.0  # per program run in the sandbox
    max_attempts: int = 8  # redraws for a sample that does not fit the budget
    # Shares of sample kinds in the mix: code_from_examples (train.dataset), repair
    # (train.repair_source); e.g. {code_from_examples: 0.8, repair: 0.2}
    kinds: dict[str, float] = field(default_factory=lambda: {"code_from_examples": 1.0})
    synthetic_files: list[str] = field(default_factory=list)  # omni data synth/relabel files, "PATH[@SHARE]"


@dataclass
class LoraConfig:
    """peft LoRA settings."""

    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: Any = "all-linear"  # "all-linear" or a list of module names
    use_rslora: bool = False
    use_dora: bool = False


@dataclass
class TrainingConfig:
    """Optimisation and bookkeeping (mapped onto trl ``SFTConfig``)."""

    max_steps: int = 300
    learning_rate: float = 2e-4
    lr_scheduler: str = "cosine"
    warmup: float = 0.05  # < 1: share of max_steps; >= 1: number of steps
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    optim: str = "adamw_torch"
    per_device_batch_size: int = 1
    effective_batch_size: int = 4  # per optimiser step, over all processes
    bf16: Any = "auto"  # true, false or "auto" (when the hardware supports it)
    activation_checkpointing: bool = True
    padding_free: bool = False  # flatten each micro-batch into one sequence (no pad tokens)
    eval_steps: int = 50  # 0 = no periodic validation
    eval_on_start: bool = False
    save_steps: int = 50
    save_total_limit: int = 2
    logging_steps: int = 5
    dataloader_num_workers: int = 0
    torch_threads: int = 0  # CPU threads per process; 0 = torch's default (all cores)
    ddp_backend: Any = None  # None = gloo on CPU, nccl on GPU


@dataclass
class TrainConfig:
    """A whole run: the base model, the LoRA adapter, the data and the optimisation."""

    model: str = "models/smollm2-135m"  # HF folder of the base model
    output_dir: str = "runs/train/default"
    seed: int = 0
    eos_token: str = "<|im_end|>"  # end of the assistant turn; generation stops on it
    data: DataConfig = field(default_factory=DataConfig)
    lora: LoraConfig = field(default_factory=LoraConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def gradient_accumulation(self, world_size: int) -> int:
        """Accumulation steps so that ``effective_batch_size`` holds for ``world_size`` processes."""
        t = self.training
        per_step = t.per_device_batch_size * world_size
        if t.effective_batch_size % per_step:
            raise ConfigError(
                f"training.effective_batch_size: {t.effective_batch_size} is not a multiple of "
                f"per_device_batch_size x processes = {t.per_device_batch_size} x {world_size}"
            )
        return t.effective_batch_size // per_step

    def n_train_samples(self) -> int:
        return self.data.train_samples or self.training.max_steps * self.training.effective_batch_size


def _coerce(value: Any, annotation: Any, key: str, where: str) -> Any:
    """``value`` as the field's type, or :class:`ConfigError`."""
    hint = {"int": int, "float": float, "str": str, "bool": bool, "Any": Any}.get(annotation, annotation)
    if hint is Any:
        return value
    if hint == "list[str]":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key}: expected a list of strings, got {value!r}")
        return value
    if hint is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise ConfigError(f"{where}: {key}: expected true or false, got {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(f"{where}: {key}: expected an integer, got {value!r}")
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):  # YAML 1.1 reads "1e-4" as a string
            try:
                return float(value)
            except ValueError:
                pass
        raise ConfigError(f"{where}: {key}: expected a number, got {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise ConfigError(f"{where}: {key}: expected a string, got {value!r}")
    return value


def _fill(obj: Any, raw: Any, prefix: str, where: str) -> None:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: {prefix or 'top level'}: expected a mapping, got {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(obj)}
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in fields:
            raise ConfigError(f"{where}: {dotted}: unknown key (expected one of {', '.join(fields)})")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            _fill(current, value, f"{dotted}.", where)
        else:
            setattr(obj, key, _coerce(value, fields[key].type, dotted, where))


def validate(cfg: TrainConfig, where: str) -> TrainConfig:
    """Check values that types alone cannot; return ``cfg``."""
    from omni_arc.prompts import GRID_FORMATS

    d, lo, t = cfg.data, cfg.lora, cfg.training

    def need(ok: bool, key: str, what: str) -> None:
        if not ok:
            raise ConfigError(f"{where}: {key}: {what}")

    need(1 <= d.min_pairs <= d.max_pairs, "data.min_pairs", f"expected 1 <= min_pairs <= max_pairs ({d.max_pairs})")
    need(0.0 <= d.p_generated <= 1.0, "data.p_generated", "expected a probability in [0, 1]")
    need(0.0 <= d.p_augment <= 1.0, "data.p_augment", "expected a probability in [0, 1]")
    need(0.0 <= d.val_fraction < 1.0, "data.val_fraction", "expected a fraction in [0, 1)")
    need(d.max_tokens >= 0, "data.max_tokens", "expected 0 (no budget) or a positive token count")
    need(d.train_samples >= 0 and d.val_samples >= 0, "data.train_samples", "expected counts >= 0")
    need(d.grid_format in GRID_FORMATS, "data.grid_format", f"expected one of {', '.join(GRID_FORMATS)}")
    need(d.max_attempts >= 1, "data.max_attempts", "expected at least 1")
    need(isinstance(d.kinds, dict) and all(
        k in SAMPLE_KINDS and isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0
        for k, v in d.kinds.items()) and sum(d.kinds.values()) > 0, "data.kinds",
        f"expected shares >= 0 (not all 0) of the sample kinds {', '.join(SAMPLE_KINDS)}, "
        "e.g. {code_from_examples: 0.8, repair: 0.2}")
    need(lo.r >= 1 and lo.alpha >= 1, "lora.r", "expected rank and alpha >= 1")
    need(0.0 <= lo.dropout < 1.0, "lora.dropout", "expected a value in [0, 1)")
    tm = lo.target_modules
    need(tm == "all-linear" or (isinstance(tm, list) and tm and all(isinstance(m, str) for m in tm)),
         "lora.target_modules", "expected \"all-linear\" or a list of module names")
    need(t.max_steps >= 1, "training.max_steps", "expected at least 1")
    need(t.learning_rate > 0, "training.learning_rate", "expected a positive number")
    need(t.per_device_batch_size >= 1, "training.per_device_batch_size", "expected at least 1")
    need(t.effective_batch_size % t.per_device_batch_size == 0, "training.effective_batch_size",
         f"expected a multiple of per_device_batch_size ({t.per_device_batch_size})")
    need(t.bf16 in (True, False, "auto"), "training.bf16", "expected true, false or \"auto\"")
    need(t.save_steps >= 1 and t.logging_steps >= 1 and t.eval_steps >= 0, "training.save_steps",
         "expected save_steps and logging_steps >= 1, eval_steps >= 0")
    need(t.torch_threads >= 0, "training.torch_threads", "expected 0 (torch's default) or a thread count")
    need(t.ddp_backend in (None, "gloo", "nccl", "mpi", "xccl", "hccl"), "training.ddp_backend",
         "expected null, gloo, nccl, mpi, xccl or hccl")
    return cfg


def config_from_dict(raw: dict[str, Any] | None, where: str = "config") -> TrainConfig:
    cfg = TrainConfig()
    _fill(cfg, raw or {}, "", where)
    return validate(cfg, where)


def load_config(path: str | Path) -> TrainConfig:
    """Read and validate a YAML config file."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: invalid YAML{at}") from None
    return config_from_dict(raw, str(path))


def apply_overrides(cfg: TrainConfig, overrides: list[str], where: str = "--set") -> TrainConfig:
    """Apply ``key.sub=value`` strings (values parsed as YAML) and re-validate."""
    for item in overrides:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{where} {item!r}: expected key=value, e.g. training.max_steps=100")
        try:
            value = yaml.safe_load(text) if text.strip() else ""
        except yaml.YAMLError:
            value = text
        nested: Any = value
        for part in reversed(key.strip().split(".")):
            nested = {part: nested}
        _fill(cfg, nested, "", where)
    return validate(cfg, where)


def save_config(cfg: TrainConfig, path: str | Path) -> None:
    Path(path).write_text(yaml.safe_dump(cfg.to_dict(), sort_keys=False))

