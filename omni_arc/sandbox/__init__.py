"""Sandboxed execution of untrusted programs: fork-server workers, seccomp, Landlock, rlimits, chroot.

>>> import numpy as np
>>> with Executor(workers=1) as ex:
...     r = ex.run("def task(grid):\\n    return grid.T", [np.array([[1, 2]])])
>>> r.status, r.outputs[0].tolist()
('ok', [[1], [2]])

See docs/design.md ("Sandbox threat model") for what it protects against and what it does not.
"""
from omni_arc.sandbox.executor import (
    DEFAULT_TIMEOUT_S, FAILURES, ExecResult, Executor, ExecutorError, code_key,
)

__all__ = ["Executor", "ExecResult", "ExecutorError", "FAILURES", "DEFAULT_TIMEOUT_S", "code_key"]
