"""Training throughput on this machine: tokens/s of the LoRA SFT step, per batching mode.

Every mode trains on the same library samples in the same order with the recipe of
`omni train` (configs/cpu-default.yaml unless --config), each in a fresh process:

- ``batch1``       one sample per micro-batch (no padding at all; the CPU default)
- ``padded``       ``--batch`` samples per micro-batch, padded to the longest
- ``padding_free`` ``--batch`` samples flattened into one sequence (trl ``padding_free``; the
                   attention mask is block-diagonal, derived from position ids)
- ``batch1_bf16``  (with ``--bf16``) batch1 under bf16 autocast

Reported: real (non-pad) tokens per second over the timed steps (the first step of each mode is
a warm-up and not timed), seconds per sample, peak RSS, and ratios against ``batch1`` and
``padded`` measured in the same run.

    python benchmarks/train_throughput.py [--model models/smollm2-135m] [--batch 4] [--steps 2]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def mode_overrides(mode: str, batch: int) -> list[str]:
    b = 1 if mode.startswith("batch1") else batch
    return [f"training.per_device_train_batch_size={b}", f"training.effective_batch_size={b}",
            f"training.padding_free={'true' if mode == 'padding_free' else 'false'}",
            f"training.bf16={'true' if mode.endswith('bf16') else 'false'}"]


def worker(args: argparse.Namespace) -> None:
    """One mode, in this process: train, print one JSON line."""
    from train.callbacks import peak_rss_mb
    from train.launch import resolve
    from train.trainer import build_trainer

    b = 1 if args.mode.startswith("batch1") else args.batch
    steps = (args.steps + 1) * args.batch // b  # same number of samples in every mode
    cfg = resolve(args.config, [*args.common, *mode_overrides(args.mode, args.batch),
                                f"training.max_steps={steps}"], args.out)
    trainer = build_trainer(cfg, args.out, progress=False)
    trainer.train()
    times = trainer.omni_metrics.step_times
    tokens = [h["num_tokens"] for h in trainer.state.log_history if "num_tokens" in h and "loss" in h]
    per_step = [b2 - a for a, b2 in zip([0.0, *tokens], tokens)]
    warm = args.batch // b  # the first `batch` samples are the warm-up
    timed_s, timed_tokens = sum(times[warm:]), sum(per_step[warm:])
    print(json.dumps({"mode": args.mode, "micro_batch": b, "steps": len(times),
                      "tokens_per_s": timed_tokens / timed_s, "s_per_sample": timed_s / (len(times[warm:]) * b),
                      "timed_tokens": timed_tokens, "peak_rss_mb": round(peak_rss_mb())}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--config", default=str(REPO / "configs/cpu-default.yaml"))
    p.add_argument("--model", default=None, help="Base model folder (default: the config's).")
    p.add_argument("--batch", type=int, default=4, help="Micro-batch of the batched modes.")
    p.add_argument("--steps", type=int, default=2, help="Timed steps of the batched modes (+1 warm-up).")
    p.add_argument("--max-tokens", type=int, default=None, help="data.max_tokens (default: the config's).")
    p.add_argument("--bf16", action="store_true", help="Also time batch1 under bf16 autocast.")
    p.add_argument("--threads", type=int, default=0, help="torch_threads (0: torch's default).")
    p.add_argument("--mode", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--common", nargs="*", default=[], help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.mode:
        return worker(args)

    from train.launch import resolve
    from train.trainer import ensure_samples, load_tokenizer, prepare_output_dir

    n_samples = (args.steps + 1) * args.batch
    common = ["data.val_samples=0", "training.eval_strategy=no", "training.save_steps=1000000",
              "training.logging_steps=1", "training.warmup_steps=0", f"data.train_samples={n_samples}"]
    if args.threads:
        common.append(f"torch_threads={args.threads}")
    if args.model:
        common.append(f"model={args.model}")
    if args.max_tokens is not None:
        common.append(f"data.max_tokens={args.max_tokens}")
    modes = ["batch1", "padded", "padding_free"] + (["batch1_bf16"] if args.bf16 else [])
    tmp = Path(tempfile.mkdtemp(prefix="omni-train-bench-"))
    try:
        shared = tmp / "samples"
        cfg = resolve(args.config, common, shared)
        ensure_samples(cfg, prepare_output_dir(cfg, shared), load_tokenizer(cfg), progress=False)
        lengths = [json.loads(line)["n_tokens"] for line in (shared / "data/train.jsonl").open()]
        print(f"model {cfg.model}; {len(lengths)} library samples, {sum(lengths)} tokens "
              f"(mean {sum(lengths) / len(lengths):.0f}, max {max(lengths)}); batch {args.batch}, "
              f"{args.steps} timed steps + 1 warm-up per mode", flush=True)
        results = {}
        for mode in modes:
            out = tmp / mode
            out.mkdir()
            shutil.copytree(shared / "data", out / "data")
            cmd = [sys.executable, __file__, "--mode", mode, "--out", str(out), "--config", args.config,
                   "--batch", str(args.batch), "--steps", str(args.steps), "--common", *common]
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
            if done.returncode != 0:
                sys.exit(f"{mode} failed:\n{done.stderr[-3000:]}")
            results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            r = results[mode]
            print(f"{mode:13s} micro-batch {r['micro_batch']}: {r['tokens_per_s']:7.1f} tokens/s, "
                  f"{r['s_per_sample']:6.2f} s/sample, peak RSS {r['peak_rss_mb']} MB", flush=True)
        base, padded = results["batch1"]["tokens_per_s"], results["padded"]["tokens_per_s"]
        for mode, r in results.items():
            print(f"ratio {mode:13s} vs batch1 {r['tokens_per_s'] / base:5.2f}   "
                  f"vs padded {r['tokens_per_s'] / padded:5.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
