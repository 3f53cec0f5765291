"""The harness that runs inside a sandboxed child: confine, then execute one program on its inputs.

Everything the child sends goes through fd 3 as records of :mod:`omni_arc.sandbox.protocol`;
it then leaves with ``os._exit``. Python-level ``print`` output (and any warning, compile-time
ones included) is kept in memory (capped) and sent with the end record; fds 1 and 2 are a
read-only ``/dev/null``. The program is compiled here, confined: the worker holds no compiled
code of other programs, and a source that compiles to something huge hits the child's limits.
"""
from __future__ import annotations

import io
import os
import signal
import sys
from typing import Any, Callable

import numpy as np

from omni_arc.sandbox import confine
from omni_arc.sandbox.protocol import (
    EXIT_BLOCKED, MAX_SIDE, rec_blocked, rec_end, rec_fail, rec_output, rec_stage,
)

RESULT_FD = 3
_INT8 = np.dtype(np.int8)
_CELL_BYTES = bytes(range(10))
_ORIGINAL_STREAMS: tuple = ()  # kept alive in the worker: replacing them in a child frees nothing
STDOUT_CAP = 4096
_ENTROPY = __import__("random").Random(20240917)  # forked copy per child: same stream every run

# Audit events that mean "the program tried something it must not": the child reports the event
# and exits at once (the seccomp filter would kill it a moment later anyway, without a name).
BLOCKED_EVENTS = frozenset({
    "open", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
    "os.kill", "os.killpg", "signal.pthread_kill", "subprocess.Popen", "os.remove", "os.rename",
    "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.link", "os.symlink", "os.truncate",
    "os.utime", "os.chflags", "os.lchflags", "os.setxattr", "os.removexattr", "os.startfile",
    "resource.setrlimit", "resource.prlimit", "fcntl.ioctl", "webbrowser.open", "urllib.Request",
    "ftplib.connect", "http.client.connect", "smtplib.connect", "poplib.connect", "imaplib.open",
    "telnetlib.Telnet.open", "nntplib.connect", "sqlite3.connect", "glob.glob", "shutil.copyfile",
    "shutil.copymode", "shutil.copystat", "shutil.copytree", "shutil.move", "shutil.rmtree",
    "shutil.chown", "shutil.make_archive", "shutil.unpack_archive", "tempfile.mkstemp",
    "tempfile.mkdtemp", "mmap.__new__", "pty.spawn",
})
BLOCKED_PREFIXES = ("socket.", "ctypes.", "_posixsubprocess.", "winreg.", "msvcrt.", "syslog.")


class Capture(io.TextIOBase):
    """A text stream that keeps the first ``cap`` characters written and drops the rest."""

    def __init__(self, cap: int = STDOUT_CAP):
        self._cap = cap
        self.reset()

    def reset(self) -> None:
        self._parts: list[str] = []
        self._left = self._cap

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if self._left > 0:
            piece = s[: self._left]
            self._parts.append(piece)
            self._left -= len(piece)
        return len(s)

    def text(self) -> str:
        return "".join(self._parts)


def _fixed_urandom(n: int) -> bytes:
    """Deterministic stand-in for ``os.urandom`` inside the child (fresh per child)."""
    return _ENTROPY.randbytes(n)


class Invalid(Exception):
    """The program returned something that is not a grid."""


def _write(data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(RESULT_FD, view)
        view = view[n:]


def _blocked_hook(event: str, args: tuple) -> None:
    if event in BLOCKED_EVENTS or event.startswith(BLOCKED_PREFIXES):
        try:
            what = event if not args else f"{event}({_short_args(args)})"
            _write(rec_blocked(what))
        finally:
            os._exit(EXIT_BLOCKED)


def _short_args(args: tuple) -> str:
    try:
        first = args[0]
        text = repr(first) if isinstance(first, (str, bytes, int)) else type(first).__name__
    except BaseException:  # noqa: BLE001 - arguments are candidate objects
        text = "?"
    return text[:80]


def _thread_blocker(*_args: Any, **_kwargs: Any) -> Any:
    try:
        _write(rec_blocked("_thread.start_new_thread (programs may not start threads)"))
    finally:
        os._exit(EXIT_BLOCKED)


def _describe(exc: BaseException) -> str:
    """``"Type: message (line N)"`` without reading any source file."""
    try:
        name = type(exc).__name__
    except BaseException:  # noqa: BLE001
        name = "Exception"
    try:
        msg = str(exc)
    except BaseException:  # noqa: BLE001
        msg = "<unprintable message>"
    line = None
    try:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<program>":
                line = tb.tb_lineno
            tb = tb.tb_next
    except BaseException:  # noqa: BLE001
        pass
    text = f"{name}: {msg}" if msg else name
    return f"{text} (line {line})" if line is not None else text


def to_grid_record(out: Any) -> bytes:
    """Validate what ``task`` returned and encode it as an ``O`` record; raise :class:`Invalid`."""
    if type(out) is np.ndarray and out.ndim == 2 and out.dtype.kind in "iu":  # the common case
        rows, cols = out.shape
        if 1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE:
            if out.dtype == _INT8:  # most DSL results: no conversion, no numpy reductions
                cells = out.tobytes()
                if not cells.translate(None, _CELL_BYTES):  # every byte is 0..9
                    return rec_output(cells, rows, cols)
            elif out.min() >= 0 and out.max() <= 9:
                return rec_output(out.astype(np.int8).tobytes(), rows, cols)
    if isinstance(out, (list, tuple)):
        if len(out) == 0:
            raise Invalid("empty grid (no rows)")
        if len(out) > MAX_SIDE:
            raise Invalid(f"{len(out)} rows; at most {MAX_SIDE} allowed")
        for i, row in enumerate(out):
            if isinstance(row, (list, tuple, np.ndarray)) and len(row) > MAX_SIDE:
                raise Invalid(f"row {i} has {len(row)} cells; at most {MAX_SIDE} allowed")
    elif not isinstance(out, np.ndarray):
        raise Invalid(f"returned {type(out).__name__}, expected a 2-D grid")
    try:
        arr = np.array(out, copy=True, subok=False)
    except (ValueError, TypeError) as e:
        raise Invalid(f"not a rectangular grid ({str(e)[:120]})") from None
    if arr.ndim != 2:
        raise Invalid(f"expected 2 dimensions, got {arr.ndim} (shape {arr.shape})")
    rows, cols = arr.shape
    if not (1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE):
        raise Invalid(f"shape {rows}x{cols} outside 1..{MAX_SIDE} per side")
    kind = arr.dtype.kind
    if kind == "b":
        raise Invalid("boolean grid; expected integers 0..9")
    if kind == "O":
        flat = arr.ravel()
        for v in flat:
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise Invalid(f"cell {v!r:.40} is not an integer")
        arr = np.array([int(v) for v in flat], dtype=np.int64).reshape(rows, cols)
    elif kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))].ravel()[0]
            raise Invalid(f"non-integer cell value {bad!r}")
    elif kind not in "iu":
        raise Invalid(f"cells of dtype {arr.dtype}; expected integers 0..9")
    lo, hi = arr.min(), arr.max()
    if lo < 0 or hi > 9:
        r, c = np.argwhere((arr < 0) | (arr > 9))[0]
        raise Invalid(f"cell ({r}, {c}) is {arr[r, c]!r}; expected 0..9")
    return rec_output(arr.astype(np.int8).tobytes(), rows, cols)


def _classify(exc: BaseException) -> str:
    return "memory" if isinstance(exc, MemoryError) else "exception"


def compile_program(code: str) -> tuple[Any, tuple[str, str] | None]:
    """``(code object, None)`` or ``(None, (status, detail))`` when the source does not compile."""
    try:
        return compile(code, "<program>", "exec"), None
    except (SyntaxError, ValueError) as e:  # ValueError: null bytes in the source
        line = f" (line {e.lineno})" if getattr(e, "lineno", None) else ""
        return None, ("syntax_error", f"{type(e).__name__}: {getattr(e, 'msg', e)}{line}")
    except MemoryError as e:
        return None, ("memory", _describe(e))
    except Exception as e:  # noqa: BLE001 - e.g. RecursionError on absurdly nested code
        return None, ("syntax_error", _describe(e))


def prepare_worker() -> Capture:
    """Done once in the worker, inherited by every child: the patches that only a child may ever
    call (thread creation reports and exits, ``os.urandom`` is deterministic, ``linecache``
    reads no source files), and the capture that becomes the child's ``sys.stdout``.

    Doing this per child would write to a few dozen shared pages, each a copy-on-write fault
    (and, for the standard streams, run their finalisers when the child drops them).
    The worker never starts threads, draws random bytes or reads source lines after start-up.
    """
    import _thread
    import linecache
    import threading

    _thread.start_new_thread = _thread_blocker
    threading._start_new_thread = _thread_blocker  # type: ignore[attr-defined]
    linecache.getlines = lambda *a, **k: []  # type: ignore[assignment]
    linecache.updatecache = lambda *a, **k: []  # type: ignore[assignment]
    import random

    os.urandom = random._urandom = _fixed_urandom  # type: ignore[attr-defined]  # default_rng(), uuid4()
    global _ORIGINAL_STREAMS
    _ORIGINAL_STREAMS = (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)
    return Capture()


def run_child(
    *, code: bytes | memoryview, inputs: list[np.ndarray], namespace: dict, sandbox_dir: str,
    uid: int | None, landlock: "confine.Landlock | None", parent_pid: int, devnull: int,
    result_w: int, seccomp: "confine.PreparedFilter", timeout_s: float, address_space: int,
    capture: Capture, stop_after: int,
) -> None:
    """Confine this (freshly forked) process, run the program on ``inputs``, report, exit.

    ``code`` is the program's UTF-8 source (compiled here, confined). ``uid`` is the identity to
    take after chroot (root only; None: no chroot, no uid change). ``parent_pid``: the worker's pid
    as this child sees it (0 from inside the worker's PID namespace). ``stop_after``: the run ends at
    the first failure among the first ``stop_after`` inputs (the verdict is decided by then).
    ``capture`` comes from :func:`prepare_worker`. Never returns.
    """
    try:
        os.setpgid(0, 0)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        if result_w != RESULT_FD:
            os.dup2(result_w, RESULT_FD)
        os.closerange(RESULT_FD + 1, 65536)
        confine.drop_identity(sandbox_dir, uid)
        if landlock is not None:
            landlock.apply()
        confine.set_limits(address_space=address_space, cpu_s=int(timeout_s) + 2, max_files=16)
        confine.rearm_parent_death(parent_pid)
        confine.prctl(confine.PR_SET_DUMPABLE, 0)
        capture.reset()
        sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = capture
        signal.setitimer(signal.ITIMER_PROF, timeout_s)
        seccomp.load(os.getpid())
    except BaseException as e:  # noqa: BLE001 - confinement failed: never run the program
        try:
            _write(rec_stage("exception", f"sandbox setup failed: {_describe(e)}"))
        finally:
            os._exit(3)
    _execute(bytes(code).decode("utf-8", "surrogatepass"), inputs, namespace, capture, stop_after)


def _execute(code: str, inputs: list[np.ndarray], namespace: dict, capture: Capture,
             stop_after: int) -> None:
    try:
        compiled, failure = compile_program(code)
        if failure is not None:
            _write(rec_stage(*failure))
            raise SystemExit
        # Compiled (a SyntaxError reads "<program>" to quote the line): from here on, candidate
        # code runs, and the audit hook names anything forbidden it attempts.
        sys.addaudithook(_blocked_hook)
        ns = dict(namespace)
        try:
            exec(compiled, ns)
        except BaseException as e:  # noqa: BLE001
            _write(rec_stage(_classify(e), _describe(e)))
            raise SystemExit
        fn: Callable | None = ns.get("task")
        if not callable(fn):
            _write(rec_stage("no_task_function", "the code defines no function named `task`"))
            raise SystemExit
        for i, grid in enumerate(inputs):
            try:
                out = fn(grid)
            except BaseException as e:  # noqa: BLE001 - SystemExit/KeyboardInterrupt included
                _write(rec_fail(_classify(e), _describe(e)))
                if i < stop_after:
                    break
                continue
            try:
                record = to_grid_record(out)
            except Invalid as e:
                record = rec_fail("invalid_output", str(e))
            except BaseException as e:  # noqa: BLE001 - candidate objects raising while converted
                record = rec_fail("memory" if isinstance(e, MemoryError) else "invalid_output",
                                  f"output could not be read: {_describe(e)}")
            _write(record)
            if i < stop_after and record[:1] == b"F":
                break
        raise SystemExit
    except SystemExit:
        pass
    except BaseException:  # noqa: BLE001
        os._exit(4)
    try:
        _write(rec_end(capture.text()))
    except BaseException:  # noqa: BLE001
        os._exit(4)
    os._exit(0)
