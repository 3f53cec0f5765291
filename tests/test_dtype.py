"""One dtype rule for training and inference: bfloat16 only where the hardware computes it natively."""
from __future__ import annotations

import pytest

import omni_arc.dtype as dtype
from omni_arc.dtype import resolve_dtype
from omni_arc.errors import UserError

AVX2 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n"
AVX512_EMULATED = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512bw avx512vl\n"  # mkldnn accepts bf16, emulated
AVX512_BF16 = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16\n"
AMX = "processor\t: 0\nflags\t\t: fpu avx2 avx512f amx_tile amx_bf16\n"


@pytest.fixture
def cpuinfo(tmp_path, monkeypatch):
    """Fake this machine's /proc/cpuinfo: ``cpuinfo(text)``."""
    def fake(text: str) -> None:
        path = tmp_path / "cpuinfo"
        path.write_text(text)
        monkeypatch.setattr(dtype, "CPUINFO", path)
    return fake


@pytest.mark.parametrize("text, expected", [
    (AVX2, "float32"), (AVX512_EMULATED, "float32"), (AVX512_BF16, "bfloat16"), (AMX, "bfloat16"), ("", "float32"),
])
def test_cpu_default_is_bfloat16_only_with_native_bf16_flags(cpuinfo, text, expected):
    cpuinfo(text)
    assert resolve_dtype("default", "cpu") == expected


def test_an_unreadable_cpuinfo_means_no_native_bf16(tmp_path, monkeypatch):
    monkeypatch.setattr(dtype, "CPUINFO", tmp_path / "missing")
    assert resolve_dtype("default", "cpu") == "float32"


def test_cuda_default_is_bfloat16_when_supported_else_float16():
    assert resolve_dtype("default", "cuda", cuda_bf16=True) == "bfloat16"
    assert resolve_dtype("default", "cuda:1", cuda_bf16=False) == "float16"


def test_explicit_names_are_kept_and_aliases_resolved(cpuinfo):
    cpuinfo(AVX2)
    assert [resolve_dtype(n, "cpu") for n in ("bfloat16", "half", "float", "auto")] == \
        ["bfloat16", "float16", "float32", "auto"]


def test_an_unknown_dtype_is_one_line_naming_the_choices():
    with pytest.raises(UserError, match="dtype bf17: expected one of default, bfloat16, float16"):
        resolve_dtype("bf17", "cpu")


def test_training_and_inference_use_the_same_rule(cpuinfo, monkeypatch):
    """``training.bf16: auto`` and ``omni infer --dtype default`` agree on every faked CPU."""
    from train.trainer import use_bf16

    monkeypatch.setattr(dtype, "default_device", lambda: "cpu")
    for text in (AVX2, AVX512_EMULATED, AVX512_BF16, AMX):
        cpuinfo(text)
        assert use_bf16("auto") == (resolve_dtype("default", "cpu") == "bfloat16"), text
    assert use_bf16(True) is True and use_bf16(False) is False


def test_the_transformers_backend_loads_what_the_rule_says(cpuinfo, tiny_model_dir):
    import torch

    from infer.backends import BackendConfig, TransformersBackend

    if torch.cuda.is_available():
        pytest.skip("the CPU rule is checked on a CPU-only machine")
    for text, expected in ((AVX512_EMULATED, torch.float32), (AMX, torch.bfloat16)):
        cpuinfo(text)
        backend = TransformersBackend(BackendConfig(model=tiny_model_dir, dtype="default"))
        assert (backend.dtype, backend.model.dtype) == (str(expected).removeprefix("torch."), expected)
        backend.close()
