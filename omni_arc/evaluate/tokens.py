"""Counting tokens: with the default model's tokenizer when its folder exists, else by splitting on
whitespace (the report says which)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

DEFAULT_TOKENIZER = "smollm2-135m"


@dataclass(frozen=True)
class TokenCounter:
    name: str  # what counted: a tokenizer folder, or "whitespace (...why...)"
    count: Callable[[Sequence[str]], list[int]]


def whitespace_counter(why: str = "") -> TokenCounter:
    name = f"whitespace-split ({why})" if why else "whitespace-split"
    return TokenCounter(name, lambda texts: [len(t.split()) for t in texts])


def default_tokenizer_path() -> Path:
    try:
        from omni_arc.models import default_models_dir
    except ImportError:  # pragma: no cover - models module absent
        return Path("models") / DEFAULT_TOKENIZER
    return default_models_dir() / DEFAULT_TOKENIZER


def load_counter(path: str | Path | None = None) -> TokenCounter:
    """A counter using the tokenizer in ``path`` (default: the smollm2-135m model folder); falls
    back to whitespace splitting when the folder is absent or cannot be loaded. Loaded once per
    folder and process."""
    return _load_counter(str(Path(path) if path is not None else default_tokenizer_path()))


@lru_cache(maxsize=4)
def _load_counter(folder: str) -> TokenCounter:
    path = Path(folder)
    if not path.is_dir():
        return whitespace_counter(f"no tokenizer at {path}")
    try:
        from transformers import AutoTokenizer  # heavy: only when a tokenizer exists

        tok = AutoTokenizer.from_pretrained(str(path))
    except Exception as e:  # a broken folder should not stop the report
        return whitespace_counter(f"cannot load tokenizer {path}: {type(e).__name__}")

    def count(texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in tok(list(texts), add_special_tokens=False)["input_ids"]]

    return TokenCounter(f"tokenizer {path.name}", count)  # the folder's name: reports stay machine-free
