"""Generation backends behind one small interface: vLLM (offline engine) and transformers.

A backend takes :class:`Request` objects (prompt token ids, how many samples, a seed) and yields
each request with its :class:`Sample` list as soon as it is finished (:meth:`Backend.stream`), so
the caller can write and verify finished tasks while others are still generating. Both backends
sample with the same parameters (temperature, top-p, no top-k, no repetition penalty, whatever
the model's ``generation_config.json`` says) and report the same fields; ``cumulative_logprob``
is the sum of the sampled tokens' log-probabilities under the model's raw distribution (before
temperature and top-p), as vLLM's default ``raw_logprobs`` mode reports it.

Heavy imports (torch, transformers, peft, vllm) happen inside the functions that need them.
"""
from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol

from omni_arc.dtype import DTYPES, resolve_dtype, torch_dtype  # noqa: F401 (DTYPES: infer.run)
from omni_arc.errors import UserError
from omni_arc.io import atomic_dir

BACKENDS = ("vllm", "transformers")
# vLLM accepts only these values for max_lora_rank.
VLLM_LORA_RANKS = (1, 8, 16, 32, 64, 128, 256, 320, 512)


@dataclass(frozen=True)
class Request:
    """Draw ``n`` samples from one prompt. ``tag`` is the caller's (e.g. its prompt group)."""

    prompt_ids: list[int]
    n: int
    seed: int
    tag: Any = None


@dataclass(frozen=True)
class Sample:
    text: str
    n_tokens: int  # generated tokens, the stop token included
    cumulative_logprob: float | None
    finish_reason: str  # "stop" (end of turn) or "length" (hit max_tokens)
    token_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class BackendConfig:
    """Everything a backend needs; the sampling parameters are shared by both backends."""

    model: Path
    adapter: Path | None = None
    merge_adapter: bool = False
    merged_dir: Path | None = None  # where a merged model is written (default: a temp folder)
    dtype: str = "default"  # see omni_arc.dtype.resolve_dtype
    max_model_len: int = 4096
    temperature: float = 0.7
    top_p: float = 0.95
    max_tokens: int = 512
    seed: int = 0
    tensor_parallel_size: int | None = None  # vllm: None = from the visible GPU count
    gpu_memory_utilization: float = 0.9  # vllm on GPUs
    cpu_kv_cache_gib: float = 2.0  # vllm on CPUs, unless VLLM_CPU_KVCACHE_SPACE is set
    max_inflight_requests: int = 256  # vllm: prompts kept in the engine at once
    batch_size: int = 16  # transformers: sequences per generate() call
    logprobs: bool = True  # report cumulative_logprob (costs a little)
    extra: dict[str, Any] = field(default_factory=dict)  # extra vllm.LLM keyword arguments


class Backend(Protocol):
    name: str
    tokenizer: Any
    max_model_len: int  # the effective context length (prompt + new tokens)
    model_dir: Path  # the weights actually served (a merged folder when the adapter was merged)

    def stream(self, requests: Iterable[Request]) -> Iterator[tuple[Request, list[Sample]]]:
        """Yield every request with its samples (``request.n`` of them) as it finishes."""
        ...

    def versions(self) -> dict[str, str]: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- model folders and adapters


def read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError:
        raise UserError(f"{path}: not found; expected the {what}") from None
    except json.JSONDecodeError as e:
        raise UserError(f"{path}: invalid JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(raw, dict):
        raise UserError(f"{path}: expected a JSON object ({what})")
    return raw


def model_context_length(model_dir: Path) -> int | None:
    """``max_position_embeddings`` from the model's config.json (text config for multimodal)."""
    config = read_json(Path(model_dir) / "config.json", "model's config.json")
    for cfg in (config, config.get("text_config") or {}):
        value = cfg.get("max_position_embeddings")
        if isinstance(value, int) and value > 0:
            return value
    return None


def effective_max_model_len(requested: int, model_dir: Path) -> int:
    """``requested``, capped by the model's own context length."""
    native = model_context_length(model_dir)
    return min(requested, native) if native else requested


def adapter_rank(adapter: Path) -> int:
    """The largest LoRA rank of a PEFT adapter folder (``r`` and any ``rank_pattern`` entry)."""
    path = Path(adapter) / "adapter_config.json"
    config = read_json(path, "PEFT adapter's adapter_config.json")
    ranks = [config.get("r")] + list((config.get("rank_pattern") or {}).values())
    ranks = [r for r in ranks if isinstance(r, int) and r > 0]
    if not ranks:
        raise UserError(f"{path}: field 'r' missing; expected the LoRA rank (a positive integer)")
    return max(ranks)


def vllm_lora_rank(rank: int) -> int:
    """The smallest ``max_lora_rank`` vLLM accepts that covers ``rank``.

    >>> vllm_lora_rank(16), vllm_lora_rank(20), vllm_lora_rank(128)
    (16, 32, 128)
    """
    for allowed in VLLM_LORA_RANKS:
        if allowed >= rank:
            return allowed
    raise UserError(f"LoRA rank {rank} exceeds vLLM's largest max_lora_rank "
                    f"{VLLM_LORA_RANKS[-1]}; use --merge-adapter")


def tokenizer_dir(model: Path, adapter: Path | None) -> Path:
    """The adapter folder when it carries a tokenizer (training may set the chat template), else
    the model folder."""
    if adapter is not None and (Path(adapter) / "tokenizer_config.json").exists():
        return Path(adapter)
    return Path(model)


def load_tokenizer(model: Path, adapter: Path | None = None) -> Any:
    """The chat tokenizer of :func:`tokenizer_dir` (:func:`omni_arc.models.load_tokenizer`)."""
    from omni_arc.models import load_tokenizer as load

    return load(tokenizer_dir(model, adapter), chat=True)


def merge_adapter(model: Path, adapter: Path, out: Path) -> Path:
    """Merge a LoRA adapter into its base model (:func:`train.merge.merge_lora`) into ``out``.
    Idempotent and atomic: a finished ``out`` is reused; a half-written one never stays."""
    out = Path(out)
    if (out / "merge.json").exists() and (out / "config.json").exists():
        return out
    from train.merge import merge_lora

    with atomic_dir(out) as tmp:
        merge_lora(adapter, tmp, base=model)
    return out


def _served_model(cfg: BackendConfig) -> tuple[Path, Path | None]:
    """(model folder to load, adapter to apply at runtime or None), merging first if asked."""
    if cfg.adapter is None:
        return Path(cfg.model), None
    adapter_rank(cfg.adapter)  # validates the folder early
    if not cfg.merge_adapter:
        return Path(cfg.model), Path(cfg.adapter)
    out = cfg.merged_dir or Path(tempfile.mkdtemp(prefix="omni-merged-"))
    return merge_adapter(cfg.model, cfg.adapter, out), None


# ---------------------------------------------------------------- choosing a backend


def vllm_installed() -> bool:
    return importlib.util.find_spec("vllm") is not None


def default_backend() -> str:
    """``vllm`` when it is installed, else ``transformers``."""
    return "vllm" if vllm_installed() else "transformers"


def make_backend(name: str | None, cfg: BackendConfig) -> Backend:
    """Build the named backend (``None``: :func:`default_backend`)."""
    name = name or default_backend()
    if name == "vllm":
        if not vllm_installed():
            raise UserError("--backend vllm: vllm is not installed (pip install -e '.[gpu]' or "
                            "'.[cpu]'); or use --backend transformers")
        return VllmBackend(cfg)
    if name == "transformers":
        return TransformersBackend(cfg)
    raise UserError(f"--backend {name}: expected one of {', '.join(BACKENDS)}")


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


# ---------------------------------------------------------------- vLLM


def largest_divisor_at_most(n: int, limit: int) -> int:
    """The largest divisor of ``n`` not above ``limit`` (tensor parallelism must divide heads).

    >>> largest_divisor_at_most(14, 4), largest_divisor_at_most(14, 8), largest_divisor_at_most(9, 1)
    (2, 7, 1)
    """
    return max(d for d in range(1, max(1, limit) + 1) if n % d == 0)


class VllmBackend:
    """vLLM's offline engine: one request per prompt with ``SamplingParams(n=...)`` (the prompt is
    prefilled once and shared through prefix caching), requests fed continuously and returned as
    they finish."""

    name = "vllm"

    def __init__(self, cfg: BackendConfig) -> None:
        self.cfg = cfg
        model_dir, self.adapter = _served_model(cfg)
        self.model_dir = model_dir
        self.max_model_len = effective_max_model_len(cfg.max_model_len, model_dir)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", f"{cfg.cpu_kv_cache_gib:g}")
        from vllm import LLM
        from vllm.platforms import current_platform

        on_cpu = self.on_cpu = current_platform.is_cpu()
        self.dtype = resolve_dtype(cfg.dtype, "cpu" if on_cpu else "cuda")
        kwargs: dict[str, Any] = dict(
            model=str(model_dir), tokenizer=str(tokenizer_dir(model_dir, self.adapter)),
            dtype=self.dtype, max_model_len=self.max_model_len, seed=cfg.seed,
            enable_prefix_caching=True, tensor_parallel_size=self.tensor_parallel_size(model_dir),
        )
        if on_cpu:
            kwargs["enforce_eager"] = True  # no graph capture / compilation on CPUs
        else:
            kwargs["gpu_memory_utilization"] = cfg.gpu_memory_utilization
        if self.adapter is not None:
            kwargs.update(enable_lora=True, max_loras=1,
                          max_lora_rank=vllm_lora_rank(adapter_rank(self.adapter)))
        kwargs.update(cfg.extra)
        self.engine_kwargs = dict(kwargs)
        self.llm = LLM(**kwargs)
        self.tokenizer = load_tokenizer(model_dir, self.adapter)
        self.lora_request = None
        if self.adapter is not None:
            from vllm.lora.request import LoRARequest

            self.lora_request = LoRARequest("adapter", 1, str(self.adapter))

    def tensor_parallel_size(self, model_dir: Path) -> int:
        """``cfg.tensor_parallel_size``, else the visible GPU count reduced to a divisor of the
        attention heads (1 on CPUs)."""
        if self.cfg.tensor_parallel_size:
            return self.cfg.tensor_parallel_size
        from vllm.platforms import current_platform

        if current_platform.is_cpu():
            return 1
        count = getattr(current_platform, "device_count", lambda: 1)() or 1
        config = read_json(Path(model_dir) / "config.json", "model's config.json")
        config = config.get("text_config") or config
        heads = config.get("num_attention_heads") or 1
        return largest_divisor_at_most(int(heads), int(count))

    def _params(self, request: Request):
        from vllm import SamplingParams

        greedy = self.cfg.temperature <= 0
        return SamplingParams(
            n=1 if greedy else request.n,  # vLLM refuses n > 1 for greedy sampling
            temperature=max(self.cfg.temperature, 0.0), top_p=self.cfg.top_p if not greedy else 1.0,
            top_k=0, repetition_penalty=1.0, max_tokens=self.cfg.max_tokens,
            # vllm-cpu 0.32 crashes on per-request seeds when a prompt is prefilled in chunks
            # ("CPU Generator does not use offset"): on CPUs only the engine seed applies.
            seed=None if self.on_cpu else request.seed, logprobs=0 if self.cfg.logprobs else None,
            flat_logprobs=True, skip_special_tokens=True,
        )

    def stream(self, requests: Iterable[Request]) -> Iterator[tuple[Request, list[Sample]]]:
        from vllm.inputs import TokensPrompt

        pending = iter(requests)
        inflight: dict[str, Request] = {}
        exhausted = False

        def top_up() -> None:
            nonlocal exhausted
            while not exhausted and len(inflight) < self.cfg.max_inflight_requests:
                request = next(pending, None)
                if request is None:
                    exhausted = True
                    return
                ids = self.llm.enqueue([TokensPrompt(prompt_token_ids=list(request.prompt_ids))],
                                       self._params(request), lora_request=self.lora_request,
                                       use_tqdm=False)
                # enqueue returns the engine's internal id ("<id>-<random>"); outputs carry <id>.
                inflight[ids[0].rsplit("-", 1)[0]] = request

        engine = self.llm.llm_engine
        top_up()
        while inflight:
            for out in engine.step():
                if not out.finished or out.request_id not in inflight:
                    continue
                request = inflight.pop(out.request_id)
                samples = [Sample(o.text, len(o.token_ids), o.cumulative_logprob,
                                  str(o.finish_reason), tuple(o.token_ids))
                           for o in sorted(out.outputs, key=lambda o: o.index)]
                if len(samples) == 1 and request.n > 1:  # greedy: every sample is the same
                    samples = samples * request.n
                yield request, samples
            top_up()
            if inflight and not engine.has_unfinished_requests():
                raise RuntimeError(f"vLLM lost {len(inflight)} requests")

    def versions(self) -> dict[str, str]:
        return {k: v for k in ("vllm", "vllm-cpu", "torch", "transformers")
                if (v := _version(k))}

    def close(self) -> None:
        llm = getattr(self, "llm", None)
        if llm is None:
            return
        self.llm = None
        engine = getattr(llm, "llm_engine", None)
        core = getattr(engine, "engine_core", None)
        if core is not None and hasattr(core, "shutdown"):
            core.shutdown()
        del llm, engine, core
        import gc

        gc.collect()


# ---------------------------------------------------------------- transformers


class _RawLogprobs:
    """A logits processor placed before temperature/top-p: records the log-probability, under
    the raw distribution, of each token that gets sampled (it learns a step's token at the next
    call; :meth:`finish` adds the last one)."""

    def __init__(self) -> None:
        self.previous = None
        self.steps: list = []

    def __call__(self, input_ids, scores):
        import torch

        if self.previous is not None:
            self.steps.append(self.previous.gather(1, input_ids[:, -1:]).squeeze(1))
        self.previous = torch.log_softmax(scores.float(), dim=-1)
        return scores

    def finish(self, last_tokens):
        """Per-step log-probabilities, shape (batch, steps)."""
        import torch

        if self.previous is not None:
            self.steps.append(self.previous.gather(1, last_tokens[:, None]).squeeze(1))
        return torch.stack(self.steps, dim=1) if self.steps else None


class TransformersBackend:
    """``model.generate`` with sampling, prompts left-padded into batches of ``batch_size``
    sequences (a request's ``n`` samples are ``n`` rows of its prompt)."""

    name = "transformers"

    def __init__(self, cfg: BackendConfig) -> None:
        import torch
        from transformers import AutoModelForCausalLM, GenerationConfig

        self.cfg = cfg
        self.model_dir = Path(cfg.model)
        self.max_model_len = effective_max_model_len(cfg.max_model_len, cfg.model)
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.tokenizer = load_tokenizer(cfg.model, cfg.adapter)
        self.dtype = resolve_dtype(cfg.dtype, self.device)
        model = AutoModelForCausalLM.from_pretrained(str(cfg.model), dtype=torch_dtype(self.dtype))
        if cfg.adapter is not None:
            adapter_rank(cfg.adapter)
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, str(cfg.adapter)).merge_and_unload()
        self.model = model.to(self.device).eval()
        eos = self.model.generation_config.eos_token_id
        eos = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
        if self.tokenizer.eos_token_id is not None:
            eos.add(self.tokenizer.eos_token_id)
        self.eos_ids = sorted(eos)
        pad = self.tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else self.eos_ids[0]
        # Drop the checkpoint's sampling defaults (top_k, repetition_penalty, ...): vLLM ignores
        # them when given explicit SamplingParams, and both backends must sample alike.
        self.model.generation_config = GenerationConfig(
            eos_token_id=self.eos_ids, pad_token_id=self.pad_id,
            bos_token_id=self.model.generation_config.bos_token_id)

    def _generate(self, rows: list[tuple[Request, int]]) -> list[Sample]:
        import torch
        from transformers import LogitsProcessorList, TemperatureLogitsWarper, TopPLogitsWarper

        width = max(len(r.prompt_ids) for r, _ in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, (r, _) in enumerate(rows):
            ids[i, width - len(r.prompt_ids):] = torch.tensor(r.prompt_ids)
            mask[i, width - len(r.prompt_ids):] = 1
        recorder = _RawLogprobs()
        processors = [recorder]
        sample = self.cfg.temperature > 0
        if sample:
            processors.append(TemperatureLogitsWarper(self.cfg.temperature))
            if self.cfg.top_p < 1.0:
                processors.append(TopPLogitsWarper(self.cfg.top_p))
        request, index = rows[0]
        torch.manual_seed(request.seed * 1_000_003 + index)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=ids.to(self.device), attention_mask=mask.to(self.device),
                do_sample=sample, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0,
                max_new_tokens=self.cfg.max_tokens, logits_processor=LogitsProcessorList(processors),
                eos_token_id=self.eos_ids, pad_token_id=self.pad_id,
            )
        new = out[:, width:].cpu()
        logprobs = recorder.finish(new[:, -1].to(self.device)) if new.shape[1] else None
        samples = []
        for i in range(len(rows)):
            tokens = new[i].tolist()
            stop = next((t for t, tok in enumerate(tokens) if tok in self.eos_ids), None)
            length = len(tokens) if stop is None else stop + 1
            text = self.tokenizer.decode(tokens[:length if stop is None else stop],
                                         skip_special_tokens=True)
            cum = float(logprobs[i, :length].sum()) if (logprobs is not None and self.cfg.logprobs) else None
            samples.append(Sample(text, length, cum, "length" if stop is None else "stop",
                                  tuple(tokens[:length])))
        return samples

    def stream(self, requests: Iterable[Request]) -> Iterator[tuple[Request, list[Sample]]]:
        rows: list[tuple[Request, int]] = []
        done: dict[int, list[Sample]] = {}
        waiting: list[Request] = []

        def flush(batch: list[tuple[Request, int]]):
            for (r, _), s in zip(batch, self._generate(batch)):
                done.setdefault(id(r), []).append(s)
            while waiting and len(done.get(id(waiting[0]), [])) == waiting[0].n:
                r = waiting.pop(0)
                yield r, done.pop(id(r))

        for request in requests:
            waiting.append(request)
            rows.extend((request, j) for j in range(request.n))
            while len(rows) >= self.cfg.batch_size:
                batch, rows = rows[:self.cfg.batch_size], rows[self.cfg.batch_size:]
                yield from flush(batch)
        if rows:
            yield from flush(rows)

    def versions(self) -> dict[str, str]:
        return {k: v for k in ("torch", "transformers", "peft") if (v := _version(k))}

    def close(self) -> None:
        self.model = None

