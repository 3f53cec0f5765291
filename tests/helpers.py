"""Helpers shared by the test files: ``omni`` run in-process, and a fake model for ``omni infer``
(a backend whose samples a test writes, and the library program conjugated by an augmentation,
which is right on the task as an augmented prompt shows it)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from infer.backends import BackendConfig, Sample
from infer.run import InferConfig, run_inference
from omni_arc import cli
from omni_arc.augment import Augmentation


def run_omni(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``omni ARGS`` in-process through the real entry point (``omni_arc.cli.main``): the exit
    code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", ["omni", *args])
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as done:
        cli.main()
    out, err = capsys.readouterr()
    return done.value.code or 0, out, err


def read_lines(path: Path) -> list[dict]:
    """The JSON lines of ``path``."""
    return [json.loads(line) for line in path.read_text().splitlines()]


# numpy source of each dihedral transform and of its inverse (see omni_arc.augment)
_FORWARD = {
    "identity": "g", "rotate_270": "np.rot90(g, 1)", "rotate_180": "np.rot90(g, 2)", "rotate_90": "np.rot90(g, 3)",
    "flip_left_right": "np.fliplr(g)", "flip_top_bottom": "np.flipud(g)", "transpose": "g.T",
    "anti_transpose": "np.rot90(g, 2).T",
}
_INVERSE = {**_FORWARD, "rotate_270": "np.rot90(g, 3)", "rotate_90": "np.rot90(g, 1)"}


def conjugated(source: str, aug: Augmentation) -> str:
    """A program correct on ``aug.apply_task(task)`` when ``source`` is correct on ``task``: A after
    the program after A's inverse."""
    original = source.replace("def task(", "def original_task(", 1)
    return (f"{original}\n\n"
            f"def task(grid):\n"
            f"    table = np.array({list(aug.colors)})\n"
            f"    g = np.argsort(table)[np.asarray(grid)]\n"
            f"    g = original_task({_INVERSE[aug.transform]})\n"
            f"    g = np.asarray(g)\n"
            f"    return table[{_FORWARD[aug.transform]}]\n")


class Killed(KeyboardInterrupt):
    """Stands in for a kill (Ctrl-C) in the middle of a run."""


Respond = Callable[[Any, int], str]  # (the request's group, sample index j) -> the sample's text


class FakeBackend:
    """The Backend interface without a model: ``respond(group, j)`` writes sample ``j`` of a group;
    with ``kill_after`` K, asking for request K + 1 raises :class:`Killed`."""

    name = "fake"

    def __init__(self, cfg: BackendConfig, tokenizer, respond: Respond, kill_after: int | None = None):
        self.cfg, self.tokenizer, self.respond = cfg, tokenizer, respond
        self.max_model_len = cfg.max_model_len
        self.model_dir = Path(cfg.model)
        self.kill_after = kill_after
        self.requests: list = []
        self.closed = False

    def stream(self, requests):
        for request in requests:
            if self.kill_after is not None and len(self.requests) >= self.kill_after:
                raise Killed()
            self.requests.append(request)
            texts = [self.respond(request.tag, j) for j in range(request.n)]
            yield request, [Sample(t, len(t.split()), -float(len(t)), "stop") for t in texts]

    def versions(self):
        return {"fake": "1"}

    def close(self):
        self.closed = True


def run_fake(cfg: InferConfig, tokenizer, respond: Respond,
             kill_after: int | None = None) -> tuple[dict[str, Any], list[FakeBackend]]:
    """``run_inference(cfg)`` with :class:`FakeBackend` as the model: run.json's content and the
    backends it made (none when there was nothing to generate)."""
    made: list[FakeBackend] = []

    def factory(bcfg: BackendConfig) -> FakeBackend:
        made.append(FakeBackend(bcfg, tokenizer, respond, kill_after))
        return made[-1]

    return run_inference(cfg, backend_factory=factory), made
