"""A ``TrainerCallback`` that appends every log (loss, lr, validation loss, ...) to metrics.jsonl."""
from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from transformers import TrainerCallback


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class MetricsJsonl(TrainerCallback):
    """One JSON object per log event: ``step``, ``epoch``, the logged values, wall ``time`` since
    this process started training, ``s_per_step`` (mean optimiser-step time since the previous log, validation and
    checkpointing excluded), and
    ``peak_rss_mb`` (plus ``peak_gpu_mb`` on CUDA). Appends, so a resumed run continues the file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._t0 = self._step_t = time.perf_counter()
        self._logged = 0
        self.step_times: list[float] = []  # seconds per optimiser step, this process

    def on_train_begin(self, args, state, control, **kwargs):
        self._t0 = self._step_t = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        now = time.perf_counter()
        self.step_times.append(now - self._step_t)
        self._step_t = now

    def on_evaluate(self, args, state, control, **kwargs):
        self._step_t = time.perf_counter()  # validation time is not step time

    def on_save(self, args, state, control, **kwargs):
        self._step_t = time.perf_counter()  # nor is checkpoint writing

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        now = time.perf_counter()
        record = {"step": state.global_step, "epoch": state.epoch, **logs,
                  "time": round(now - self._t0, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}
        window = self.step_times[self._logged:]
        if window and "loss" in logs:
            record["s_per_step"] = round(sum(window) / len(window), 3)
            self._logged = len(self.step_times)
        try:
            import torch

            if torch.cuda.is_available():
                record["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
        except Exception:  # metrics must never stop training
            pass
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a") as f:
            f.write(json.dumps(record) + "\n")
