"""Merge a LoRA adapter into its base model: a plain model folder (base dtype, tokenizer, chat
template, generation config that stops at the end of turn) that vLLM or transformers load directly."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from omni_arc.errors import UserError

_WEIGHTS = ("adapter_model.safetensors", "adapter_model.bin")


class MergeError(UserError, ValueError):
    """A missing or corrupt adapter, or an adapter that does not belong to the base model."""


def read_adapter_config(adapter: Path) -> dict:
    if not adapter.is_dir():
        raise MergeError(f"{adapter}: no such adapter folder")
    path = adapter / "adapter_config.json"
    if not path.exists():
        raise MergeError(f"{path}: missing; expected a peft LoRA adapter folder (e.g. <run>/adapter)")
    try:
        raw = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise MergeError(f"{path}: invalid JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(raw, dict) or raw.get("peft_type") not in ("LORA", None) or "r" not in raw:
        raise MergeError(f"{path}: not a LoRA adapter config (expected peft_type LORA and r)")
    if not any((adapter / w).exists() for w in _WEIGHTS):
        raise MergeError(f"{adapter}: no adapter weights ({' or '.join(_WEIGHTS)})")
    return raw


def _adapter_keys(adapter: Path) -> set[str]:
    """Tensor names in the adapter's weights file (checks that it is readable)."""
    path = adapter / _WEIGHTS[0]
    try:
        if path.exists():
            from safetensors import safe_open

            with safe_open(str(path), framework="pt") as f:
                return set(f.keys())
        import torch

        return set(torch.load(adapter / _WEIGHTS[1], map_location="cpu", weights_only=True))
    except Exception as e:
        name = path.name if path.exists() else _WEIGHTS[1]
        raise MergeError(f"{adapter / name}: cannot read the adapter weights ({type(e).__name__}: {e})"
                         .splitlines()[0]) from None


def _base_dir(adapter_cfg: dict, adapter: Path, base: str | Path | None) -> Path:
    where = "--base" if base else f"{adapter / 'adapter_config.json'}: base_model_name_or_path"
    name = base or adapter_cfg.get("base_model_name_or_path")
    if not name:
        raise MergeError(f"{where}: empty; pass --base DIR")
    path = Path(name)
    if not (path / "config.json").exists():
        raise MergeError(f"{where}: {path} is not a model folder with a config.json (pass --base DIR)")
    return path


def merge_lora(
    adapter: str | Path, output: str | Path, base: str | Path | None = None,
    log: Callable[[str], None] = lambda m: None,
) -> Path:
    """Merge ``adapter`` into ``base`` (default: the adapter's ``base_model_name_or_path``) and
    save the result in the base's dtype to ``output``."""
    adapter, output = Path(adapter), Path(output)
    adapter_cfg = read_adapter_config(adapter)  # cheap checks first, heavy imports after
    base_dir = _base_dir(adapter_cfg, adapter, base)
    keys = _adapter_keys(adapter)

    import torch
    from peft import PeftModel
    from peft.utils import get_peft_model_state_dict
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    base_dtype = getattr(AutoConfig.from_pretrained(base_dir), "dtype", None) or torch.float32
    if isinstance(base_dtype, str):
        base_dtype = getattr(torch, base_dtype)
    log(f"merging {adapter} into {base_dir} ({str(base_dtype).replace('torch.', '')})")
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)  # merge in full precision
    try:
        peft_model = PeftModel.from_pretrained(model, str(adapter))
    except (RuntimeError, ValueError, KeyError) as e:
        lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()] or [type(e).__name__]
        first = next((ln for ln in lines if "size mismatch" in ln), lines[0])
        raise MergeError(f"{adapter}: does not fit base {base_dir} ({first[:300]})") from None
    loaded = {k.replace(".default", "") for k in get_peft_model_state_dict(peft_model)}
    expected = {k.replace(".default", "") for k in keys}
    if not expected or expected - loaded:
        missing = sorted(expected - loaded)[:1] or ["no LoRA tensors"]
        raise MergeError(f"{adapter}: does not fit base {base_dir} (no module for {missing[0]})")
    merged = peft_model.merge_and_unload().to(base_dtype)
    output.mkdir(parents=True, exist_ok=True)
    merged.save_pretrained(output)
    tok_src = adapter if (adapter / "tokenizer_config.json").exists() else base_dir
    tokenizer = AutoTokenizer.from_pretrained(tok_src)
    tokenizer.save_pretrained(output)
    _stop_at_eos(output, tokenizer)
    (output / "merge.json").write_text(json.dumps(
        {"adapter": str(adapter), "base": str(base_dir), "dtype": str(base_dtype).replace("torch.", ""),
         "r": adapter_cfg.get("r"), "lora_alpha": adapter_cfg.get("lora_alpha")}, indent=1))
    log(f"wrote {output}")
    return output


def _stop_at_eos(output: Path, tokenizer) -> None:
    """Make the saved generation config (and model config) end generation at the tokenizer's eos."""
    from transformers import GenerationConfig

    eos = tokenizer.eos_token_id
    try:
        gen = GenerationConfig.from_pretrained(output)
    except OSError:
        gen = GenerationConfig()
    ids = gen.eos_token_id if isinstance(gen.eos_token_id, list) else (
        [] if gen.eos_token_id is None else [gen.eos_token_id])
    gen.eos_token_id = [eos, *[i for i in ids if i != eos]] if len(set(ids) | {eos}) > 1 else eos
    if gen.pad_token_id is None and tokenizer.pad_token_id is not None:
        gen.pad_token_id = tokenizer.pad_token_id
    gen.save_pretrained(output)
    cfg_path = output / "config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["eos_token_id"] = eos
    cfg_path.write_text(json.dumps(cfg, indent=2))
