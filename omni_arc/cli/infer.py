"""`omni infer`: sample programs for ARC tasks with vLLM (or transformers) and verify them."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from omni_arc.cli import app, parse_task_ids


@app.command("infer")
def infer(
    model: str = typer.Option(..., "--model", help="Model folder, or a prepared model name (smollm2-135m)."),
    dataset: str = typer.Option(..., "--dataset", "-d", help="Dataset name (e.g. arc-agi-1/training) or path."),
    output: Path = typer.Option(..., "--output-dir", "-o", help="Run folder; re-running the same command resumes."),
    predictions_per_task: int = typer.Option(8, "--predictions-per-task", "-n", help="Programs sampled per task."),
    adapter: Optional[Path] = typer.Option(None, "--adapter", help="LoRA adapter folder (served by vLLM, or merged)."),
    merge_adapter: bool = typer.Option(False, "--merge-adapter", help="Merge the adapter into the model first "
                                       "(faster sampling; written to OUTPUT_DIR/merged-model)."),
    tasks: Optional[str] = typer.Option(None, "--tasks", help="Comma-separated task ids (default: all)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N tasks (by id)."),
    backend: Optional[str] = typer.Option(None, "--backend", help="vllm or transformers "
                                          "(default: vllm when installed)."),
    temperature: float = typer.Option(0.7, "--temperature", help="Sampling temperature (0: greedy)."),
    top_p: float = typer.Option(0.95, "--top-p", help="Nucleus sampling probability mass."),
    max_tokens: int = typer.Option(512, "--max-tokens", help="Max new tokens per sample."),
    seed: int = typer.Option(0, "--seed", help="Seed of sampling and augmentations."),
    dtype: str = typer.Option("default", "--dtype", help="Model dtype: bfloat16, float16, float32, "
                              "auto (the model's), or default: bfloat16 where the hardware computes it natively "
                              "(GPUs with bf16, CPUs with AVX512-BF16/AMX), else float16 on GPUs and float32 "
                              "on CPUs (omni_arc.dtype, shared with training)."),
    max_model_len: int = typer.Option(4096, "--max-model-len", help="Context length (prompt + new tokens); "
                                      "longer prompts drop train pairs, or the task is skipped."),
    augment: bool = typer.Option(True, "--augment/--no-augment", help="Test-time augmentation: each group "
                                 "of samples sees the task under its own dihedral transform + colour permutation."),
    augmentations_per_task: int = typer.Option(8, "--augmentations-per-task", help="Groups per task "
                                               "(the first is the task as given)."),
    grid_format: str = typer.Option("shape-numbered-rows", "--grid-format", help="Grid text format "
                                    "(as in training): shape-numbered-rows or plain-rows."),
    prompt: str = typer.Option("code_from_examples", "--prompt", help="Prompt kind: code_from_examples, "
                               "neighbours (the pairs, then the nearest library/search programs), or both "
                               "comma-separated (cycled over the augmentation groups)."),
    neighbours: int = typer.Option(3, "--neighbours", help="Near programs shown by a neighbours prompt."),
    leave_one_out: bool = typer.Option(True, "--leave-one-out/--no-leave-one-out", help="Never show a library "
                                       "task its own program or its same-rule group's (for tuning on training tasks)."),
    neighbour_candidates: Optional[Path] = typer.Option(None, "--neighbour-candidates", help="A run's "
                                                        "candidates.jsonl whose search programs are neighbours too."),
    batch_tasks: int = typer.Option(32, "--batch-tasks", help="Tasks in flight at once (vllm)."),
    batch_size: int = typer.Option(16, "--batch-size", help="Sequences per generate() call (transformers)."),
    tensor_parallel_size: Optional[int] = typer.Option(None, "--tensor-parallel-size", help="vLLM tensor "
                                                       "parallelism (default: from the visible GPUs)."),
    verify_workers: Optional[int] = typer.Option(None, "--verify-workers", help="Sandbox workers "
                                                 "(default: one per core)."),
    verify_timeout: Optional[float] = typer.Option(None, "--verify-timeout", help=(
        "CPU seconds per program (default: the sandbox's limit, 10x the slowest library solution).")),
    repair_rounds: int = typer.Option(0, "--repair-rounds", help="Rounds of repair after the first: "
                                      "unsolved tasks' most promising failed programs are shown with "
                                      "their execution feedback and rewritten."),
    repair_top: int = typer.Option(4, "--repair-top", help="Failed programs repaired per unsolved task "
                                   "and round (ranked by train pairs right, then cells right)."),
    repair_samples: int = typer.Option(1, "--repair-samples", help="Samples per repaired program."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress bars."),
) -> None:
    """Sample N programs per task, stream them to OUTPUT_DIR/candidates.jsonl, verify them in the
    sandbox while generation goes on, and write results.jsonl, submission.json and run.json."""
    from rich.console import Console

    from infer.run import InferConfig, format_summary, run_inference
    from omni_arc.models import resolve_model

    cfg = InferConfig(
        model=resolve_model(model).resolve(), dataset=dataset, output=output,
        predictions_per_task=predictions_per_task,
        adapter=adapter.resolve() if adapter is not None else None, merge_adapter=merge_adapter,
        tasks=parse_task_ids(tasks), limit=limit, backend=backend, temperature=temperature, top_p=top_p,
        max_tokens=max_tokens, seed=seed, dtype=dtype, max_model_len=max_model_len, augment=augment,
        augmentations_per_task=augmentations_per_task, grid_format=grid_format, batch_tasks=batch_tasks, batch_size=batch_size,
        prompt=[k.strip() for k in prompt.split(",") if k.strip()], neighbours=neighbours,
        leave_one_out=leave_one_out, neighbour_candidates=neighbour_candidates,
        tensor_parallel_size=tensor_parallel_size, verify_workers=verify_workers,
        verify_timeout_s=verify_timeout, repair_rounds=repair_rounds, repair_top=repair_top,
        repair_samples=repair_samples, progress=progress,
    )
    console = Console(stderr=True)
    run = run_inference(cfg, console=console)
    console.print(format_summary(run), highlight=False)
    typer.echo(str(output / "run.json"))
