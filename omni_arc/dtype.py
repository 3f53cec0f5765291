"""One rule for the floating-point type of a model, in training and in inference.

``resolve_dtype(requested, device)`` turns what the user asked for into what is loaded:

- an explicit name (``bfloat16``, ``float16``, ``float32``; ``half`` and ``float`` as aliases) is
  kept as it is;
- ``"default"`` means bfloat16 where the hardware computes it natively, otherwise:

  - CUDA: bfloat16 when the GPU supports it (Ampere and later), float16 on older GPUs;
  - CPU: bfloat16 only when the CPU has ``avx512_bf16`` or ``amx_bf16`` (read from
    ``/proc/cpuinfo``, never assumed); float32 elsewhere. AVX-512 CPUs without these flags
    *emulate* bf16 (what ``torch.ops.mkldnn._is_mkldnn_bf16_supported()`` accepts), which is
    several times slower than float32 there.

- ``"auto"`` (inference only) is passed through: the dtype written in the model's config.

>>> resolve_dtype("float", "cpu")
'float32'
>>> resolve_dtype("default", "cpu", cpu_flags={"avx2", "avx512f"})
'float32'
>>> resolve_dtype("default", "cpu", cpu_flags={"avx512f", "avx512_bf16"})
'bfloat16'
>>> resolve_dtype("default", "cuda", cuda_bf16=False)
'float16'
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from omni_arc.errors import UserError

ALIASES = {"half": "float16", "float": "float32"}
DTYPES = ("default", "bfloat16", "float16", "half", "float32", "float", "auto")  # what a user may ask for
NATIVE_BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")
CPUINFO = Path("/proc/cpuinfo")


def parse_cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The ``flags`` of the first processor in a ``/proc/cpuinfo`` text.

    >>> sorted(parse_cpu_flags("processor\\t: 0\\nflags\\t\\t: fpu avx2 fma\\n"))
    ['avx2', 'fma', 'fpu']
    >>> parse_cpu_flags("no flags line here")
    frozenset()
    """
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return frozenset(line.split(":", 1)[-1].split())
    return frozenset()


def cpu_flags() -> frozenset[str]:
    """This machine's CPU flags (empty where ``/proc/cpuinfo`` cannot be read)."""
    try:
        return parse_cpu_flags(CPUINFO.read_text())
    except OSError:
        return frozenset()


def cpu_has_native_bf16(flags: Iterable[str] | None = None) -> bool:
    """Whether the CPU computes bfloat16 natively (AVX512-BF16 or AMX-BF16).

    >>> cpu_has_native_bf16({"avx2", "fma"}), cpu_has_native_bf16({"amx_bf16"})
    (False, True)
    """
    flags = cpu_flags() if flags is None else set(flags)
    return any(f in flags for f in NATIVE_BF16_CPU_FLAGS)


def cuda_supports_bf16() -> bool:
    """Whether the current CUDA device computes bfloat16 (Ampere and later)."""
    import torch

    return bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())


def default_device() -> str:
    """``"cuda"`` when torch sees a GPU, else ``"cpu"``."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def resolve_dtype(
    requested: str, device: str, *, cpu_flags: Iterable[str] | None = None, cuda_bf16: bool | None = None,
) -> str:
    """What to load for ``requested`` on ``device`` (``"cpu"`` or ``"cuda"``): see the module docstring.

    ``cpu_flags`` and ``cuda_bf16`` stand in for the hardware (tests); by default they are detected.

    >>> resolve_dtype("bfloat16", "cpu", cpu_flags=set())
    'bfloat16'
    >>> resolve_dtype("auto", "cuda")
    'auto'
    """
    if requested not in DTYPES:
        raise UserError(f"dtype {requested}: expected one of {', '.join(DTYPES)}")
    name = ALIASES.get(requested, requested)
    if name != "default":
        return name
    if device.startswith("cuda"):
        supported = cuda_supports_bf16() if cuda_bf16 is None else cuda_bf16
        return "bfloat16" if supported else "float16"
    return "bfloat16" if cpu_has_native_bf16(cpu_flags) else "float32"


def torch_dtype(name: str):
    """The ``torch.dtype`` of a resolved name (``"auto"`` stays ``"auto"`` for ``from_pretrained``)."""
    import torch

    name = ALIASES.get(name, name)
    table = {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32, "auto": "auto"}
    if name not in table:
        raise UserError(f"dtype {name}: expected one of {', '.join(table)}")
    return table[name]
