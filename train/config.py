"""The training run configuration: a YAML file with three sections plus ``--set key=value`` overrides.

Every key is checked: an unknown key, a wrong type or an impossible value raises
:class:`ConfigError` naming the file and the dotted key. The ``training`` section is trl's
``SFTConfig`` by its own field names (any of its options may be set), plus ``effective_batch_size``
(gradient accumulation is derived from it) and ``bf16: auto`` (see :mod:`omni_arc.dtype`). The resolved configuration is saved with
the run (``<output_dir>/config.yaml``) so a run can be resumed and reproduced.

>>> cfg = config_from_dict({"training": {"max_steps": 7}}, where="inline")
>>> cfg.training["max_steps"], cfg.training["lr_scheduler_type"], cfg.lora.r
(7, 'cosine', 16)
>>> apply_overrides(cfg, ["lora.r=8", "training.learning_rate=1e-4"]).lora.r
8
"""
from __future__ import annotations

import copy
import dataclasses
import difflib
import enum
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from omni_arc.errors import UserError


class ConfigError(UserError, ValueError):
    """A configuration file or override is wrong; the message names the file and the key."""


SAMPLE_KINDS = ("code_from_examples", "repair", "neighbours", "output_from_code")  # the kinds data.kinds can mix


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
    # (train.repair_source), neighbours and output_from_code (train.neighbour_source);
    # e.g. {code_from_examples: 0.5, neighbours: 0.3, output_from_code: 0.2}
    kinds: dict[str, float] = field(default_factory=lambda: {"code_from_examples": 1.0})
    neighbours: int = 3  # near programs shown in a neighbours sample (leave-one-out, see omni_arc.neighbours)
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


# `training:` is trl's ``SFTConfig`` by its own field names (every option reachable), plus the
# project's keys below. Values the project chooses differently from SFTConfig's defaults:
TRAINING_DEFAULTS: dict[str, Any] = {
    "max_steps": 300,
    "learning_rate": 2e-4,
    "lr_scheduler_type": "cosine",
    "warmup_steps": 0.05,  # < 1: share of max_steps; >= 1: number of steps
    "optim": "adamw_torch",
    "per_device_train_batch_size": 1,
    "per_device_eval_batch_size": 1,
    "effective_batch_size": 4,
    "bf16": "auto",
    "gradient_checkpointing": True,
    "gradient_checkpointing_kwargs": {"use_reentrant": False},
    "eval_strategy": "steps",
    "eval_steps": 50,
    "save_steps": 50,
    "save_total_limit": 2,
    "logging_steps": 5,
    "prediction_loss_only": True,
    "completion_only_loss": True,
}
# The project's own keys of `training:` (not SFTConfig fields).
PROJECT_TRAINING_KEYS = {
    "effective_batch_size": "samples per optimiser step over all processes; "
                            "gradient_accumulation_steps = effective_batch_size / (per_device_train_batch_size x processes)",
}
# SFTConfig fields the project fills from the rest of the config: not settable in `training:`.
DERIVED_TRAINING_KEYS = {
    "output_dir": "set the top-level output_dir (or omni train --output-dir)",
    "seed": "set the top-level seed", "data_seed": "set the top-level seed",
    "eos_token": "set the top-level eos_token",
    "gradient_accumulation_steps": "derived from training.effective_batch_size",
}


def sft_fields() -> dict[str, Any]:
    """trl ``SFTConfig``'s fields by name (imports trl)."""
    from trl import SFTConfig

    return {f.name: f.type for f in dataclasses.fields(SFTConfig) if f.init}


@dataclass
class TrainConfig:
    """A whole run: the base model, the LoRA adapter, the data and the optimisation."""

    model: str = "models/smollm2-135m"  # HF folder of the base model
    output_dir: str = "runs/train/default"
    seed: int = 0
    eos_token: str = "<|im_end|>"  # end of the assistant turn; generation stops on it
    torch_threads: int = 0  # CPU threads per process; 0 = torch's default (all cores)
    data: DataConfig = field(default_factory=DataConfig)
    lora: LoraConfig = field(default_factory=LoraConfig)
    training: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(TRAINING_DEFAULTS))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def gradient_accumulation(self, world_size: int) -> int:
        """Accumulation steps so that ``effective_batch_size`` holds for ``world_size`` processes."""
        effective, per_device = self.training["effective_batch_size"], self.training["per_device_train_batch_size"]
        if effective % (per_device * world_size):
            raise ConfigError(
                f"training.effective_batch_size: {effective} is not a multiple of "
                f"per_device_train_batch_size x processes = {per_device} x {world_size}"
            )
        return effective // (per_device * world_size)

    def n_train_samples(self) -> int:
        return self.data.train_samples or self.training["max_steps"] * self.training["effective_batch_size"]


def fill_dataclass(obj: Any, raw: Any, prefix: str, where: str) -> None:
    """Set ``obj``'s fields (nested dataclasses too) from the mapping ``raw``, each value checked
    against its field's type; an unknown key or a wrong type is a one-line :class:`ConfigError`."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: {prefix or 'top level'}: expected a mapping, got {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(obj)}
    hints = typing.get_type_hints(type(obj))
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in fields:
            raise ConfigError(f"{where}: {dotted}: unknown key (expected one of {', '.join(fields)})")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            fill_dataclass(current, value, f"{dotted}.", where)
        elif key == "training" and not prefix:
            _fill_training(current, value, where)
        else:
            setattr(obj, key, _coerce_typed(value, hints[key], dotted, where))


def _fill_training(training: dict[str, Any], raw: Any, where: str) -> None:
    """Check ``raw``'s keys against SFTConfig's fields (and the project's keys), coerce the values
    to the field's type and merge them into ``training``."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: training: expected a mapping of trl SFTConfig fields, got {type(raw).__name__}")
    known = sft_fields()
    for key, value in raw.items():
        dotted = f"training.{key}"
        if key in DERIVED_TRAINING_KEYS:
            raise ConfigError(f"{where}: {dotted}: not set here; {DERIVED_TRAINING_KEYS[key]}")
        if key in PROJECT_TRAINING_KEYS:
            training[key] = _coerce_typed(value, int, dotted, where)
        elif key == "bf16" and value == "auto":
            training[key] = value
        elif key in known:
            training[key] = _coerce_typed(value, known[key], dotted, where)
        else:
            close = difflib.get_close_matches(str(key), [*known, *PROJECT_TRAINING_KEYS], n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ConfigError(f"{where}: {dotted}: unknown key (not a trl SFTConfig field{hint})")


def _coerce_typed(value: Any, annotation: Any, key: str, where: str) -> Any:
    """``value`` as one of the types of a dataclass field annotation (``int | None``, enums, ...), or
    :class:`ConfigError`. Numbers written as strings (YAML reads ``1e-4`` as one) become floats; a
    comma-separated string fills a ``list[str]`` (``--set lora.target_modules=q_proj,v_proj``)."""
    origin = typing.get_origin(annotation)
    options = typing.get_args(annotation) if origin in (typing.Union, types.UnionType) else (annotation,)
    names = []
    for option in options:
        base = typing.get_origin(option) or option
        if option is type(None):
            if value is None:
                return None
            names.append("null")
        elif option is Any:
            return value
        elif base is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            names.append("true or false")
        elif base is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            names.append("an integer")
        elif base is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            if isinstance(value, str):
                try:
                    return float(value)
                except ValueError:
                    pass
            names.append("a number")
        elif base is str or (isinstance(base, type) and issubclass(base, enum.Enum)):
            if isinstance(value, str):
                return value
            if isinstance(value, bool) and base is not str:  # YAML 1.1 reads `no` as false
                word = "yes" if value else "no"
                if word in {m.value for m in base}:
                    return word
            names.append("a string")
        elif base is list and typing.get_args(option) == (str,):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
            names.append("a list of strings")
        elif base in (list, dict):
            if isinstance(value, base):
                return value
            names.append("a list" if base is list else "a mapping")
        else:
            return value  # a type this check does not know: SFTConfig validates it
    raise ConfigError(f"{where}: {key}: expected {' or '.join(dict.fromkeys(names))}, got {value!r}")


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
    need(d.neighbours >= 0, "data.neighbours", "expected 0 or more near programs")
    need(lo.r >= 1 and lo.alpha >= 1, "lora.r", "expected rank and alpha >= 1")
    need(0.0 <= lo.dropout < 1.0, "lora.dropout", "expected a value in [0, 1)")
    tm = lo.target_modules
    need(tm == "all-linear" or (isinstance(tm, list) and tm and all(isinstance(m, str) for m in tm)),
         "lora.target_modules", "expected \"all-linear\" or a list of module names")
    max_steps, per_device = t.get("max_steps"), t.get("per_device_train_batch_size")
    need(isinstance(max_steps, int) and max_steps >= 1, "training.max_steps",
         "expected at least 1 (the samples built are max_steps x effective_batch_size)")
    need(isinstance(per_device, int) and per_device >= 1, "training.per_device_train_batch_size", "expected at least 1")
    need(t["effective_batch_size"] >= 1 and t["effective_batch_size"] % per_device == 0,
         "training.effective_batch_size", f"expected a positive multiple of per_device_train_batch_size ({per_device})")
    need(t.get("bf16") in (True, False, "auto"), "training.bf16", "expected true, false or \"auto\"")
    need(cfg.torch_threads >= 0, "torch_threads", "expected 0 (torch's default) or a thread count")
    return cfg


def config_from_dict(raw: dict[str, Any] | None, where: str = "config") -> TrainConfig:
    cfg = TrainConfig()
    fill_dataclass(cfg, raw or {}, "", where)
    cfg.source = where  # not a field: names the file in errors found later (e.g. by SFTConfig)
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
        fill_dataclass(cfg, nested, "", where)
    return validate(cfg, where)


def save_config(cfg: TrainConfig, path: str | Path) -> None:
    Path(path).write_text(yaml.safe_dump(cfg.to_dict(), sort_keys=False))

